// `next start` in several worker processes that share one port, through Node's cluster module:
// the primary (this process) holds the listening socket and hands connections to the workers
// in turn. Each worker is a whole app instance (its own webhook queue, sweepers and database
// pool), which the app already supports on one database (README: several instances).
//
// Usage: node scripts/stack/next-cluster.mjs <workers> [next start options...]
import cluster from "node:cluster";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [count, ...args] = process.argv.slice(2);
const workers = Number(count);
if (!Number.isInteger(workers) || workers < 1) {
  console.error(`next-cluster: the worker count must be a whole number of at least 1, got ${JSON.stringify(count)}`);
  process.exit(1);
}

cluster.setupPrimary({ exec: require.resolve("next/dist/bin/next"), args: ["start", ...args] });

let stopping = false;
let exitCode = 0;
const restarts = [];
const fork = () => cluster.fork({ NEXT_CLUSTER_WORKERS: String(workers) });

cluster.on("exit", (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    return;
  }
  // A worker that dies is replaced, unless they keep dying (a bad configuration stops each at
  // start-up): then the cluster stops too, with the worker's exit code, as `next start` would.
  const now = Date.now();
  restarts.push(now);
  while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
  console.error(`next-cluster: worker ${worker.process.pid} exited (${signal ?? code})`);
  if (restarts.length > workers * 3) {
    console.error("next-cluster: workers keep exiting; stopping");
    stop(typeof code === "number" && code !== 0 ? code : 1);
    return;
  }
  setTimeout(fork, 1_000);
});

function stop(code = 0) {
  stopping = true;
  exitCode = code;
  const alive = Object.values(cluster.workers ?? {});
  if (alive.length === 0) process.exit(code);
  for (const worker of alive) worker?.process.kill("SIGTERM");
  // A worker that ignores SIGTERM does not hold the shutdown up for long.
  setTimeout(() => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
    process.exit(code);
  }, 10_000).unref();
}

process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));

for (let i = 0; i < workers; i++) fork();
console.log(`next-cluster: ${workers} workers of next start ${args.join(" ")}`);
