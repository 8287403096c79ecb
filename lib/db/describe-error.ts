// Turns connection failures into one line naming host:port, instead of a stack dump of pg,
// Prisma or the schema engine. Never includes the password of the URL.

interface Target {
  where: string;
  user?: string;
  database?: string;
}

function targetOf(url: string | undefined): Target {
  if (!url) return { where: "the database" };
  try {
    const u = new URL(url);
    const host = u.hostname || "localhost";
    const port = u.port || "5432";
    return {
      where: `${host}:${port}`,
      user: decodeURIComponent(u.username) || undefined,
      database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    };
  } catch {
    return { where: "the database (DATABASE_URL is not a valid URL)" };
  }
}

interface ErrorFacts {
  code?: string;
  kind?: string;
  message: string;
  address?: string;
  port?: number;
}

/** The innermost useful facts: Prisma and pg wrap the socket error in causes and aggregates. */
function factsOf(err: unknown, depth = 0): ErrorFacts {
  if (!(err instanceof Error) && (typeof err !== "object" || err === null)) return { message: String(err) };
  const e = err as Error & {
    code?: unknown;
    address?: string;
    port?: number;
    errors?: unknown[];
    cause?: unknown;
  };
  const here: ErrorFacts = {
    code: typeof e.code === "string" ? e.code : undefined,
    message: typeof e.message === "string" ? e.message : String(err),
    address: e.address,
    port: e.port,
  };
  if (depth > 5) return here;
  // Node tries every address of "localhost" (::1, 127.0.0.1) and reports an AggregateError.
  const inner = e.errors?.[0] ?? e.cause;
  if (inner !== undefined && !here.code) {
    const deeper = factsOf(inner, depth + 1);
    // A DriverAdapterError's cause is a plain object { kind, host, port, ... }.
    const cause = inner as { kind?: unknown; originalCode?: unknown };
    return {
      ...deeper,
      code: deeper.code ?? (typeof cause.originalCode === "string" ? cause.originalCode : undefined),
      kind: typeof cause.kind === "string" ? cause.kind : deeper.kind,
      message: here.message || deeper.message,
    };
  }
  return here;
}

export function describeDatabaseError(err: unknown, url = process.env.DATABASE_URL): string {
  const target = targetOf(url);
  const facts = factsOf(err);
  const at = facts.address && facts.port ? `${facts.address}:${facts.port}` : target.where;
  const message = facts.message;

  switch (facts.code) {
    case "ECONNREFUSED":
      return `cannot connect to PostgreSQL at ${at}: connection refused (is the server running?)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot connect to PostgreSQL at ${target.where}: host name not found`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `cannot connect to PostgreSQL at ${at}: the host does not answer (${facts.code})`;
    case "ECONNRESET":
      return `the connection to PostgreSQL at ${at} was reset`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${target.where} refused user "${target.user ?? "?"}": ${message}`;
    case "3D000":
      return `database "${target.database ?? "?"}" does not exist on PostgreSQL at ${target.where}`;
    case "53300":
      return `PostgreSQL at ${target.where} has too many connections`;
    case "57P03":
      return `PostgreSQL at ${target.where} is starting up; try again in a moment`;
  }
  switch (facts.kind) {
    case "DatabaseNotReachable":
      return `cannot connect to PostgreSQL at ${target.where}: not reachable`;
    case "AuthenticationFailed":
    case "DatabaseAccessDenied":
      return `PostgreSQL at ${target.where} refused user "${target.user ?? "?"}"`;
    case "DatabaseDoesNotExist":
      return `database "${target.database ?? "?"}" does not exist on PostgreSQL at ${target.where}`;
  }
  if (/timeout/i.test(message)) {
    return `cannot connect to PostgreSQL at ${target.where}: timed out`;
  }
  if (/Connection terminated unexpectedly/i.test(message)) {
    return `PostgreSQL at ${target.where} closed the connection (too many clients, or not PostgreSQL?)`;
  }
  const first = message.split("\n").find((l) => l.trim() !== "")?.trim() ?? "unknown error";
  return `database error at ${target.where}: ${first}`;
}
