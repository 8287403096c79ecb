// The database: reachable, migrated, and with room for this app's connection pools.
import { describeDatabaseError, prisma } from "@/server/db/client";
import { pendingMigrations } from "@/server/db/pending-migrations";
import { check, withTimeout, type DeploymentCheck, type DoctorContext } from "./check";

/** Besides its pool, each instance's rate limiter holds two connections of its own. */
const EXTRA_CONNECTIONS = 2;

export async function checkDatabase(ctx: DoctorContext): Promise<DeploymentCheck[]> {
  const started = performance.now();
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, 5_000, "The database");
  } catch (error) {
    const down = "Not checked: the database is unreachable.";
    return [
      check("database.reachable", "Database reachable", "fail", `${describeDatabaseError(error)}.`, "Check DATABASE_URL (host, port, credentials, TLS) and that the server accepts connections from here."),
      check("database.migrations", "Migrations applied", "fail", down, "Fix the connection first."),
      check("database.pool", "Connection pool", "fail", down, "Fix the connection first."),
    ];
  }
  const reachable = check("database.reachable", "Database reachable", "pass", `Answered in ${Math.round(performance.now() - started)} ms.`);
  return [reachable, await checkMigrations(), await checkPool(ctx)];
}

async function checkMigrations(): Promise<DeploymentCheck> {
  const pending = await pendingMigrations();
  if (pending.length === 0) return check("database.migrations", "Migrations applied", "pass", "Every migration is applied.");
  return check("database.migrations", "Migrations applied", "fail", `${pending.length} pending: ${pending.join(", ")}.`, "Run npm run db:migrate (npm start also applies them before serving).");
}

async function checkPool(ctx: DoctorContext): Promise<DeploymentCheck> {
  const [max] = await prisma.$queryRawUnsafe<{ max_connections: string }[]>("SHOW max_connections");
  const [reserved] = await prisma.$queryRawUnsafe<{ superuser_reserved_connections: string }[]>("SHOW superuser_reserved_connections");
  const limit = Number(max?.max_connections) - (Number(reserved?.superuser_reserved_connections) || 0);
  const perInstance = ctx.env.DATABASE_POOL_SIZE + EXTRA_CONNECTIONS;
  const instances = Math.floor(limit / perInstance);
  const facts = `DATABASE_POOL_SIZE ${ctx.env.DATABASE_POOL_SIZE} (+${EXTRA_CONNECTIONS}) per instance against ${limit} connections the server allows`;
  if (!Number.isFinite(limit)) return check("database.pool", "Connection pool", "warn", "The server did not say its max_connections.", "Check max_connections on the database server.");
  if (instances < 1) {
    return check("database.pool", "Connection pool", "fail", `${facts}: not even one instance fits.`, "Lower DATABASE_POOL_SIZE or raise max_connections (or put a pooler in front).");
  }
  if (instances < 2) {
    return check("database.pool", "Connection pool", "warn", `${facts}: room for one instance only, none for a rolling deploy.`, "Lower DATABASE_POOL_SIZE or raise max_connections.");
  }
  return check("database.pool", "Connection pool", "pass", `${facts}: room for ${instances} instances.`);
}

export function checkEmail(ctx: DoctorContext): DeploymentCheck {
  const server = ctx.env.EMAIL_SERVER;
  if (!server) {
    return check(
      "email.delivery",
      "Email delivery",
      ctx.production ? "fail" : "warn",
      ctx.production ? "EMAIL_SERVER is not set: nobody can sign in by email." : "EMAIL_SERVER is not set: sign-in links go to the server log and /dev/outbox (development only).",
      "Set EMAIL_SERVER to your SMTP URL, e.g. smtps://user:password@smtp.example.com:465.",
    );
  }
  // The host only: the URL carries the SMTP password.
  return check("email.delivery", "Email delivery", "pass", `Sign-in emails go out through ${new URL(server).host} from ${ctx.env.EMAIL_FROM}.`);
}
