// Latency and throughput of the emulator's hot endpoints on loopback (in-memory, keep-alive).
// Run: npx tsx bench/emulator-api.ts   (bounded: N requests per case, C in flight)
import { Agent, request } from "node:http";
import { startEmulator } from "../emulator/server";

const N = Number(process.env.BENCH_N ?? 3000);
const C = Number(process.env.BENCH_CONCURRENCY ?? 1);

async function main(): Promise<void> {
  const emu = await startEmulator({ port: 0, persist: false });
  const u = new URL(emu.url);
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(1, C) });
  const call = (method: string, path: string, body?: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request(
        { host: u.hostname, port: u.port, path, method, agent, headers: { authorization: "Bearer sk_test_bench", ...(body ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } : {}) } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))));
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  const customer = JSON.parse(await call("POST", "/v1/customers", "email=bench%40example.com")) as { id: string };
  const sessionBody = `account_holder[type]=customer&account_holder[customer]=${customer.id}&permissions[0]=balances&permissions[1]=transactions`;
  const session = JSON.parse(await call("POST", "/v1/financial_connections/sessions", sessionBody)) as { id: string };
  await fetch(`${emu.url}/_emulator/test_helpers/sessions/${session.id}/complete`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ accounts: ["checking", "savings"] }) });
  const account = (JSON.parse(await call("GET", `/v1/financial_connections/accounts?session=${session.id}`)) as { data: Array<{ id: string }> }).data[0]?.id;

  const cases: Array<[string, () => Promise<unknown>]> = [
    ["create session (POST)", () => call("POST", "/v1/financial_connections/sessions", sessionBody)],
    ["retrieve session (GET)", () => call("GET", `/v1/financial_connections/sessions/${session.id}`)],
    ["retrieve account (GET)", () => call("GET", `/v1/financial_connections/accounts/${account}`)],
    ["list accounts by customer (GET)", () => call("GET", `/v1/financial_connections/accounts?account_holder[customer]=${customer.id}&limit=10`)],
  ];

  console.log(`Stripe emulator benchmark: ${N} requests per case, concurrency ${C}, loopback, in-memory`);
  console.log("case                               p50 ms   p99 ms    req/s");
  for (const [name, fn] of cases) {
    for (let i = 0; i < 200; i++) await fn(); // warm-up
    const lat: number[] = [];
    let next = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (next++ < N) {
          const s = process.hrtime.bigint();
          await fn();
          lat.push(Number(process.hrtime.bigint() - s) / 1e6);
        }
      }),
    );
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    lat.sort((a, b) => a - b);
    const pct = (p: number) => (lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? 0).toFixed(3);
    console.log(`${name.padEnd(34)} ${pct(0.5).padStart(7)}  ${pct(0.99).padStart(7)}  ${(lat.length / secs).toFixed(0).padStart(7)}`);
  }
  agent.destroy();
  await emu.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
