// npm run db:migrate - applies pending migrations to DATABASE_URL (or the embedded database).
import { applyMigrations } from "@/tooling/db/migrations";
import { withDatabase } from "@/tooling/db/with-database";
import { runCli } from "./run-cli";

runCli("db:migrate", () =>
  withDatabase(async ({ url, source }) => {
    const started = performance.now();
    const applied = await applyMigrations(url);
    const ms = Math.round(performance.now() - started);
    const where = source === "DATABASE_URL" ? "" : ` (${source})`;
    if (applied.length === 0) console.log(`database is up to date${where}`);
    else console.log(`applied ${applied.length} migration(s) in ${ms} ms${where}:\n  ${applied.join("\n  ")}`);
  }),
);
