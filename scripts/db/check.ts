// npm run db:check - fails when schema.prisma and prisma/migrations disagree (a schema edit
// without its migration, or a hand-edited migration). Needs no database: it replays the
// migrations on a throwaway in-memory PGlite.
import { checkDrift } from "@/tooling/db/migrations";
import { runCli } from "./run-cli";

runCli("db:check", async () => {
  const missing = await checkDrift();
  if (!missing) {
    console.log("schema and migrations agree");
    return 0;
  }
  console.error("schema.prisma and prisma/migrations disagree; the migrations lack:\n");
  console.error(missing);
  console.error("\nrun `npm run db:migrate:create -- <name>` to write this as a migration");
  return 1;
});
