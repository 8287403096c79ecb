// `npm start` (scripts/dev.ts --production) as an operator runs it: without a production setting,
// or with a development-only one, it stops before starting anything and names the setting.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const COMPLETE = {
  NEXTAUTH_SECRET: "x".repeat(40),
  NEXTAUTH_URL: "https://linkwell.example.com",
  EMAIL_SERVER: "smtps://user:pass@smtp.example.com:465",
  STRIPE_SECRET_KEY: "sk_live_51abc",
  STRIPE_PUBLISHABLE_KEY: "pk_live_51abc",
  STRIPE_WEBHOOK_SECRET: "whsec_live_secret",
};

// Every setting the check reads, blank unless given (a blank one counts as unset, and a .env file
// never overrides a variable that is present), and a database that is never reached.
function npmStart(settings: Record<string, string>): Promise<{ code: number; output: string }> {
  const blank = Object.fromEntries(Object.keys(COMPLETE).map((k) => [k, ""]));
  const env = { ...process.env, ...blank, STRIPE_API_BASE: "", STRIPE_JS_URL: "", TEST_DEPLOYMENT: "", WEB_CONCURRENCY: "", DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none", PORT: "1", ...settings };
  return new Promise((resolve) => {
    execFile(path.resolve("node_modules/.bin/tsx"), ["scripts/dev.ts", "--production"], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: stdout + stderr });
    });
  });
}

describe.concurrent("npm start without production settings", () => {
  it.each(Object.keys(COMPLETE))("stops without %s, naming it, before starting the emulator or anything else", async (name) => {
    const run = await npmStart({ ...COMPLETE, [name]: "" });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(new RegExp(`- ${name} `));
    expect(run.output.match(/^ {2}- /gm)).toHaveLength(1);
    expect(run.output).not.toMatch(/emulator at|migrations|database:/);
  });

  it("stops with the emulator's public webhook secret, naming the setting but not the value", async () => {
    const run = await npmStart({ ...COMPLETE, STRIPE_WEBHOOK_SECRET: "whsec_emulator_local_signing_secret" });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/- STRIPE_WEBHOOK_SECRET is the Stripe emulator's public value/);
    expect(run.output).not.toContain("whsec_emulator_local_signing_secret");
  });

  it("stops with an http NEXTAUTH_URL", async () => {
    const run = await npmStart({ ...COMPLETE, NEXTAUTH_URL: "http://linkwell.example.com" });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/- NEXTAUTH_URL must be an https URL in production/);
  });

  it("stops with a WEB_CONCURRENCY that is not a worker count, naming it", async () => {
    const run = await npmStart({ ...COMPLETE, WEB_CONCURRENCY: "many" });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/- WEB_CONCURRENCY must be "auto" or a whole number from 1 to 64, got "many"/);
    expect(run.output).not.toMatch(/emulator at|migrations|database:/);
  });

  it("gets past the settings check with all of them (then fails on the unreachable database)", async () => {
    const run = await npmStart(COMPLETE);
    expect(run.code).toBe(1);
    expect(run.output).not.toMatch(/Invalid configuration/);
    expect(run.output).toMatch(/Could not prepare the database/);
  });
});
