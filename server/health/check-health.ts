import "server-only";
import { describeDatabaseError, prisma } from "@/server/db/client";
import { pendingMigrations } from "@/server/db/pending-migrations";

type DependencyState = { ok: boolean; detail?: string; latencyMs?: number };
export type Health = { ok: boolean; checks: { database: DependencyState; migrations: DependencyState } };

/** Both checks together: load balancers give a probe a few seconds (AWS ALB's shortest is 2 s). */
const TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Is the database reachable, and has every shipped migration been applied? Cheap enough for a load balancer. */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  const deadline = Date.now() + TIMEOUT_MS;
  let database: DependencyState;
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, "The database", deadline);
    database = { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    database = { ok: false, detail: describeDatabaseError(error) };
  }

  let migrations: DependencyState;
  if (!database.ok) {
    migrations = { ok: false, detail: "unknown while the database is unreachable" };
  } else {
    try {
      const pending = await withTimeout(pendingMigrations(), "The migrations table", deadline);
      migrations = pending.length === 0 ? { ok: true } : { ok: false, detail: `pending: ${pending.join(", ")}` };
    } catch (error) {
      migrations = { ok: false, detail: describeDatabaseError(error) };
    }
  }
  return { ok: database.ok && migrations.ok, checks: { database, migrations } };
}
