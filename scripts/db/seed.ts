// npm run db:seed -- --users N --accounts M [--reset] [--batch 50000] [--concurrency 2]
// Generates realistic admin data in DATABASE_URL (or the embedded database): see tooling/seed.
import { withDatabase } from "@/tooling/db/with-database";
import { isSeeded, removeSeed, seedDatabase } from "@/tooling/seed/seed-database";
import { UsageError, runCli } from "./run-cli";

function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const raw = process.argv[index + 1]?.replace(/_/g, "");
  const value = Number(raw);
  if (!raw || !Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be a whole number (got ${raw ?? "nothing"})`);
  return value;
}

async function main() {
  const users = numberArg("users", 1_000);
  const accounts = numberArg("accounts", 10_000);
  const batch = numberArg("batch", 50_000);
  // The embedded PGlite serves every connection on one backend: one batch at a time there.
  const concurrency = Math.max(1, numberArg("concurrency", 2));
  if (users < 1) throw new UsageError("--users must be at least 1");
  return withDatabase(async ({ url, source }) => {
    if (source !== "DATABASE_URL") console.error(`db:seed: using the ${source}`);
    if (await isSeeded(url)) {
      if (!process.argv.includes("--reset")) {
        console.log("db:seed: this database is already seeded; run with --reset to replace the seeded data");
        return;
      }
      console.log("db:seed: removing the previous seed…");
      await removeSeed(url);
    }
    console.log(`db:seed: ${users.toLocaleString("en-US")} users, ${accounts.toLocaleString("en-US")} accounts`);
    const result = await seedDatabase({
      url,
      users,
      accounts,
      batch,
      concurrency: source === "DATABASE_URL" ? concurrency : 1,
      log: (line) => console.log(`  ${line}`),
    });
    console.log(`db:seed: done in ${(result.ms / 1000).toFixed(1)} s`);
  });
}

runCli("db:seed", main);
