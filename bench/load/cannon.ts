// Runs a load phase in a worker thread: autocannon there has an event loop of its own, so the
// embedded database and the emulator (both in the main thread) cannot delay its clock or its
// requests. The worker loads TypeScript through tsx, like this process.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LinkFlowJob, LinkFlowResult } from "./link-flow";
import type { WebhookBurstJob, WebhookBurstResult } from "./webhook-burst";

const WORKER_FILE = fileURLToPath(new URL("./cannon-worker.ts", import.meta.url));

export type WorkerMessage = { progress: string } | { result: unknown } | { error: string };

export function runInWorker(job: LinkFlowJob, onProgress: (text: string) => void): Promise<LinkFlowResult>;
export function runInWorker(job: WebhookBurstJob, onProgress: (text: string) => void): Promise<WebhookBurstResult>;
export function runInWorker(job: LinkFlowJob | WebhookBurstJob, onProgress: (text: string) => void): Promise<unknown> {
  // Node 20 applies tsx's loader to a worker only after its entry module is resolved, so the
  // entry is a line of CommonJS that asks tsx to load the TypeScript file.
  const worker = new Worker(`require("tsx/cjs/api").require(${JSON.stringify(WORKER_FILE)}, ${JSON.stringify(WORKER_FILE)});`, { eval: true, workerData: job });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on("message", (message: WorkerMessage) => {
      if ("progress" in message) return onProgress(message.progress);
      settled = true;
      if ("result" in message) resolve(message.result);
      else reject(new Error(message.error));
      void worker.terminate();
    });
    worker.on("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`load worker exited (${code}) without a result`));
    });
  });
}
