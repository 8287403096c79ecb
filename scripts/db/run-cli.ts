// Shared ending of the db commands: the result on stdout, any failure as ONE line on stderr
// with exit code 1 (no stack: the causes we expect are bad URLs and bad migrations).
// DEBUG_DB=1 prints the full error too.
import { describeDatabaseError } from "@/server/db/describe-error";
import { DataDirInUseError } from "@/tooling/db/data-dir-lock";
import { MigrationError } from "@/tooling/db/migrations";
import { takeEnginePanic } from "@/tooling/db/schema-engine";

export class UsageError extends Error {}

export function runCli(name: string, main: () => Promise<number | void>): void {
  const fail = (err: unknown) => {
    const known = err instanceof MigrationError || err instanceof DataDirInUseError || err instanceof UsageError;
    const panic = takeEnginePanic();
    const line = panic
      ? `the schema engine crashed: ${panic.split("\n").slice(0, 2).join(" ")}`
      : known
        ? (err as Error).message
        : describeDatabaseError(err);
    console.error(`${name}: ${line}`);
    if (process.env.DEBUG_DB) console.error(err);
    process.exit(1);
  };
  // A panic inside the WASM engine surfaces as an uncaught RuntimeError, not as a rejection.
  process.on("uncaughtException", fail);
  main().then((code) => process.exit(code ?? 0), fail);
}
