// Timed GETs over HTTP: the integrator API with the integration's API key, or any URL.
import { inTurn } from "../load/plain-inserts";
import { loadAverage, summarize } from "../load/stats";

export type ApiClient = {
  /** The full URL of /api/v1<path>. */
  url(path: string): string;
  /** The key's Authorization header. */
  headers: Record<string, string>;
  /** GET /api/v1<path>; anything but 200 is an error. */
  get<T>(path: string): Promise<T>;
  /** GET /api/v1<path> for its status alone (a check that must fail, say). */
  status(path: string): Promise<number>;
};

export function apiClient(appUrl: string, secret: string): ApiClient {
  const url = (path: string) => `${appUrl}/api/v1${path}`;
  const headers = { authorization: `Bearer ${secret}` };
  return {
    url,
    headers,
    async get<T>(path: string) {
      const response = await fetch(url(path), { headers });
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async status(path: string) {
      const response = await fetch(url(path), { headers });
      await response.arrayBuffer();
      return response.status;
    },
  };
}

/**
 * `samples` GETs of `urlAt(i)` with `concurrency` in flight, after `warmup` uncounted ones, each
 * timed until its body is read (anything but 200 is an error); one line with p50/p95/p99,
 * requests per second, the mean body size and the load average when it ended.
 */
export async function measure(
  label: string,
  urlAt: (i: number) => string,
  headers: Record<string, string>,
  options: { samples: number; warmup: number; concurrency: number },
): Promise<string> {
  const once = async (i: number, latencies?: number[], sizes?: number[]) => {
    const started = performance.now();
    const response = await fetch(urlAt(i), { headers });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${label}: GET ${urlAt(i)} answered ${response.status} ${Buffer.from(body).toString()}`);
    latencies?.push(performance.now() - started);
    sizes?.push(body.byteLength);
  };
  const indexes = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
  await inTurn(indexes(options.warmup), options.concurrency, (i) => once(i));

  const latencies: number[] = [];
  const sizes: number[] = [];
  const started = performance.now();
  await inTurn(indexes(options.samples, options.warmup), options.concurrency, (i) => once(i, latencies, sizes));
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(latencies);
  const ms = (v: number) => `${v.toFixed(1).padStart(6)} ms`;
  const kib = sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024;
  return (
    `  ${label.padEnd(46)} c=${String(options.concurrency).padEnd(2)} n=${s.n}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}` +
    `  ${(s.n / seconds).toFixed(0).padStart(4)} req/s  ${kib.toFixed(1).padStart(5)} KiB  (${loadAverage()})`
  );
}
