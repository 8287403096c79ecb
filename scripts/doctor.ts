// `npm run doctor`: checks this deployment the way /admin/health does (server/doctor) and prints
// each check with its remedy; exits 1 when any check fails, so it can gate a deploy. Judges as
// production when NODE_ENV=production or with --production. Needs DATABASE_URL and the Stripe
// settings (in the environment or .env). Run with `tsx --conditions=react-server` so lib's
// `import "server-only"` resolves outside Next.js.
import { disconnectPrisma } from "@/server/db/client";
import { InvalidEnvironmentError, parseEnv } from "@/server/env";
import type { DeploymentCheck } from "@/server/doctor/check";
import { runDeploymentChecks, summarize } from "@/server/doctor/run-deployment-checks";
import { setLogDestination } from "@/server/log/logger";
import { loadEnvFile } from "./stack/load-env-file";

const MARKS = { pass: "PASS", warn: "WARN", fail: "FAIL" } as const;

function print(check: DeploymentCheck): void {
  console.log(`${MARKS[check.status]}  ${check.title} [${check.id}]: ${check.message}`);
  if (check.status !== "pass") console.log(`      fix: ${check.remedy}`);
}

async function main() {
  loadEnvFile();
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    console.log(`FAIL  Configuration [env]: ${error.problems.join("; ")}`);
    process.exitCode = 1;
    return;
  }
  const production = env.NODE_ENV === "production" || process.argv.includes("--production");
  // The checks' own log lines would mix with the report; their outcome is in it.
  setLogDestination({ write: () => true });
  console.log(`Linkwell deployment check (${production ? "production" : "development"} rules)\n`);
  const checks = await runDeploymentChecks({ env, production, now: new Date() });
  checks.forEach(print);
  const { pass, warn, fail } = summarize(checks);
  console.log(`\n${pass} passed, ${warn} warnings, ${fail} failed`);
  if (fail > 0) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(`doctor failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectPrisma().catch(() => {}));
