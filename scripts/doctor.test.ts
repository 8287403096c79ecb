// `npm run doctor` as a deploy step runs it: one line per check, and the exit code gates the deploy.
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false });
});
afterAll(async () => {
  await emulator.close();
});

function doctor(env: Record<string, string | undefined>, args: string[] = []): Promise<{ code: number; stdout: string }> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  // Only what the test gives: no .env file or shell settings of the developer's.
  const base = { NODE_ENV: "development" as const, PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: process.env.DATABASE_URL };
  return new Promise((resolve) => {
    execFile(tsx, ["--conditions=react-server", "scripts/doctor.ts", ...args], { env: { ...base, ...env }, cwd: path.resolve(".") }, (err, stdout) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout });
    });
  });
}

const emulatorEnv = () => ({
  STRIPE_SECRET_KEY: "sk_test_doctor_cli",
  STRIPE_PUBLISHABLE_KEY: "pk_test_doctor_cli",
  STRIPE_WEBHOOK_SECRET: "whsec_doctor_cli",
  STRIPE_API_BASE: emulator.url,
});

it("exits 0 when nothing fails (warnings allowed), printing each check", async () => {
  const run = await doctor(emulatorEnv());
  expect(run.stdout).toMatch(/^PASS {2}Stripe accepts the key \[stripe\.api\]: /m);
  expect(run.stdout).toMatch(/^WARN {2}Email delivery \[email\.delivery\]: .*\n {6}fix: Set EMAIL_SERVER/m);
  expect(run.stdout).toMatch(/^\d+ passed, \d+ warnings, 0 failed$/m);
  expect(run.code).toBe(0);
}, 60_000);

it("exits 1 on a failed check, naming it and its remedy; production rules with --production", async () => {
  const missing = await doctor({});
  expect(missing.stdout).toMatch(/^FAIL {2}Stripe keys \[stripe\.keys\]: STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY not set/m);
  expect(missing.code).toBe(1);
  const production = await doctor(emulatorEnv(), ["--production"]);
  expect(production.stdout).toMatch(/production rules/);
  expect(production.stdout).toMatch(/^FAIL {2}Email delivery \[email\.delivery\]: EMAIL_SERVER is not set/m);
  expect(production.code).toBe(1);
}, 60_000);
