// Phase 1 load: each autocannon connection is one signed-in user who links a bank account over
// and over: POST /api/link-sessions (a fresh attempt id) -> the modal (the emulator's
// auto-complete: the user finishes it at once) -> POST /api/link-sessions/:id/complete.
// Runs in a worker thread (see cannon.ts) so the database and emulator in the main thread
// cannot stall the clock that measures the app.
import { randomUUID } from "node:crypto";
import autocannon, { type Client, type RequestSpec } from "autocannon";
import { parseJson as parse, progressEvery, type Progress } from "./worker-kit";

export type LinkFlowJob = {
  kind: "link";
  url: string;
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
  /** One per connection: the session cookie ("name=token"). */
  cookies: string[];
  /** How many accounts a completed session must report (the auto-complete choice). */
  expectedAccounts: number;
};

export type Step = "create" | "complete";
export type StepResult = { latencies: number[]; statuses: Record<string, number>; timeouts: number };
export type LinkFlowResult = {
  seconds: number;
  steps: Record<Step, StepResult>;
  /** Answers that were 2xx but not what the flow needs (no session id, wrong account count). */
  wrongAnswers: number;
  /** The first few failures, verbatim enough to start a diagnosis. */
  problems: string[];
  connectionErrors: number;
  timeouts: number;
  completedFlows: number;
};

export function runLinkFlow(job: LinkFlowJob, report: Progress): Promise<LinkFlowResult> {
  const steps: Record<Step, StepResult> = {
    create: { latencies: [], statuses: {}, timeouts: 0 },
    complete: { latencies: [], statuses: {}, timeouts: 0 },
  };
  const problems: string[] = [];
  let wrongAnswers = 0;
  let completedFlows = 0;
  let connectionErrors = 0;
  const problem = (text: string) => {
    if (problems.length < 10) problems.push(text.replace(/\s+/g, " ").slice(0, 300));
  };
  // One request in flight per connection: the request built last is the one on the wire, except
  // after a timeout, when autocannon reconnects and builds the next one before it reports.
  const built = new Map<Client, { current: Step; previous: Step }>();
  const track = (client: Client, step: Step) => built.set(client, { current: step, previous: built.get(client)?.current ?? step });
  const origin = new URL(job.url).origin;
  let nextUser = 0;

  const setupClient = (client: Client) => {
    const cookie = job.cookies[nextUser++ % job.cookies.length]!;
    // What the browser sends: the session cookie, and the same-origin markers the proxy checks.
    const headers = { cookie, origin, "sec-fetch-site": "same-origin", accept: "application/json" };
    const answered = (step: Step, status: number) => {
      steps[step].statuses[status] = (steps[step].statuses[status] ?? 0) + 1;
    };
    client.on("timeout", () => steps[built.get(client)?.previous ?? "create"].timeouts++);
    const requests: RequestSpec[] = [
      {
        method: "POST",
        path: "/api/link-sessions",
        headers: { ...headers, "content-type": "application/json" },
        setupRequest: (request) => {
          track(client, "create");
          return { ...request, body: JSON.stringify({ attemptId: randomUUID() }) };
        },
        onResponse: (status, body, context) => {
          answered("create", status);
          const id = status === 201 ? (parse(body).linkSessionId as unknown) : undefined;
          if (typeof id === "string") context.linkSessionId = id;
          else if (status === 201) {
            wrongAnswers++;
            problem(`create 201 without linkSessionId: ${body}`);
          } else problem(`create ${status}: ${body}`);
        },
      },
      {
        method: "POST",
        headers,
        // No session (the create failed): start over with a new attempt.
        setupRequest: (request, context) => {
          if (typeof context.linkSessionId !== "string") return null;
          track(client, "complete");
          return { ...request, path: `/api/link-sessions/${context.linkSessionId}/complete` };
        },
        onResponse: (status, body) => {
          answered("complete", status);
          if (status !== 200) return problem(`complete ${status}: ${body}`);
          const result = parse(body);
          if (result.status === "succeeded" && result.linked === job.expectedAccounts) completedFlows++;
          else {
            wrongAnswers++;
            problem(`complete 200 but ${body}`);
          }
        },
      },
    ];
    client.setRequests(requests);
  };

  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.durationSeconds,
        timeout: job.timeoutSeconds,
        // Replaced per connection by setupClient before it connects.
        requests: [{ method: "GET", path: "/api/health" }],
        setupClient,
      },
      (error, result) => {
        clearInterval(ticker);
        if (error) return reject(error);
        resolve({
          seconds: (performance.now() - started) / 1000,
          steps,
          wrongAnswers,
          problems,
          connectionErrors,
          timeouts: result.timeouts,
          completedFlows,
        });
      },
    );
    instance.on("response", (client, _status, _bytes, ms) => {
      const step = built.get(client)?.current;
      if (step) steps[step].latencies.push(ms);
    });
    instance.on("reqError", (error) => {
      if (error.message !== "request timed out") {
        connectionErrors++;
        problem(`connection error: ${error.message}`);
      }
    });
    const ticker = progressEvery(report, () => `${completedFlows} links completed, ${steps.create.latencies.length + steps.complete.latencies.length} answers`);
  });
}
