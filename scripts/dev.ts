// `npm run dev` / `npm start`: bring up what is missing (embedded PostgreSQL, the Stripe
// emulator), apply migrations, then run Next.js. With DATABASE_URL and STRIPE_SECRET_KEY
// set, it only migrates and runs Next.js against them.
import { describeDatabaseError } from "@/server/db/describe-error";
import { InvalidEnvironmentError, parseEnv } from "@/server/env";
import { applyMigrations } from "@/tooling/db/migrations";
import { loadEnvFile } from "./stack/load-env-file";
import { startLocalServices } from "./stack/local-services";
import { startNext, waitForHttp, workerCount } from "./stack/next-server";

async function main() {
  const mode = process.argv.includes("--production") ? "start" : "dev";
  loadEnvFile();
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const started = performance.now();
  if (mode === "start") assertProductionSettings();

  const services = await startLocalServices({ appUrl });
  const env: Record<string, string> = { NEXTAUTH_URL: appUrl, ...services.env };
  const databaseUrl = env.DATABASE_URL ?? process.env.DATABASE_URL!;
  try {
    const applied = await applyMigrations(databaseUrl);
    console.log(applied.length ? `migrations applied: ${applied.join(", ")}` : "migrations: up to date");
  } catch (error) {
    console.error(`Could not prepare the database: ${describeDatabaseError(error)}`);
    await services.close();
    process.exit(1);
  }
  for (const note of services.notes) console.log(note);

  const next = startNext(mode, port, env);
  const shutdown = async (code: number) => {
    next.kill("SIGTERM");
    await services.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  next.on("exit", (code) => void shutdown(code ?? 0));

  await waitForHttp(`http://127.0.0.1:${port}/`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const workers = mode === "start" ? workerCount() : 1;
  console.log(`\n  Linkwell is ready at ${appUrl}  (${seconds} s${workers > 1 ? `, ${workers} workers` : ""})`);
  // The demo buttons and the outbox exist only in development.
  if (mode === "dev") console.log(`  Sign in with the demo buttons, or by email: links appear at ${appUrl}/dev/outbox`);
  console.log("");
}

/**
 * `npm start` checks the production settings before starting anything: a missing Stripe key
 * must stop the start, not start the emulator with its public webhook secret. (`next start`
 * checks the same again in instrumentation.ts, for anyone who runs it directly.)
 */
function assertProductionSettings(): void {
  const problems: string[] = [];
  const check = (validate: () => unknown) => {
    try {
      validate();
    } catch (error) {
      if (!(error instanceof InvalidEnvironmentError)) throw error;
      problems.push(...error.problems);
    }
  };
  // The embedded database is started below when DATABASE_URL is unset; stand in for its URL.
  check(() => parseEnv({ ...process.env, NODE_ENV: "production", DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://embedded" }));
  check(() => workerCount());
  if (problems.length === 0) return;
  console.error(`npm start: ${new InvalidEnvironmentError(problems).message}`);
  process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
