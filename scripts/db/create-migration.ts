// npm run db:migrate:create -- <name> - writes the next migration from schema.prisma.
import { createMigration } from "@/tooling/db/migrations";
import { UsageError, runCli } from "./run-cli";

runCli("db:migrate:create", async () => {
  const name = process.argv.slice(2).join("_");
  if (!name) throw new UsageError("give the migration a name: npm run db:migrate:create -- add_user_phone");
  const created = await createMigration(name);
  console.log(`wrote ${created.path}\n\n${created.sql}\n\napply it with \`npm run db:migrate\``);
});
