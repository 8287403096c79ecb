// The worker thread of cannon.ts: runs one load phase and posts its result.
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerMessage } from "./cannon";
import { runLinkFlow, type LinkFlowJob } from "./link-flow";
import { runWebhookBurst, type WebhookBurstJob } from "./webhook-burst";

const job = workerData as LinkFlowJob | WebhookBurstJob;
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const report = (progress: string) => post({ progress });

(job.kind === "link" ? runLinkFlow(job, report) : runWebhookBurst(job, report)).then(
  (result) => post({ result }),
  (error: unknown) => post({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
