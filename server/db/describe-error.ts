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
  if (typeof err !== "object" || err === null) return { message: String(err) };
  const e = err as {
    code?: unknown;
    message?: unknown;
    address?: string;
    port?: number;
    errors?: unknown[];
    cause?: unknown;
    meta?: { driverAdapterError?: { cause?: unknown } };
  };
  const here: ErrorFacts = {
    // Prisma's own codes (P1001...) say less than the driver error they wrap.
    code: typeof e.code === "string" && !/^P\d{4}$/.test(e.code) ? e.code : undefined,
    message: typeof e.message === "string" ? lastLine(e.message) : String(err),
    address: e.address,
    port: e.port,
  };
  // A Prisma query error carries the adapter's { kind, host, port, originalCode } in meta;
  // a DriverAdapterError carries it as cause.
  const adapterCause = e.meta?.driverAdapterError?.cause ?? (isAdapterCause(e.cause) ? e.cause : undefined);
  if (isAdapterCause(adapterCause)) {
    return {
      ...here,
      code: here.code ?? (typeof adapterCause.originalCode === "string" ? adapterCause.originalCode : undefined),
      kind: adapterCause.kind,
      message: typeof adapterCause.originalMessage === "string" ? adapterCause.originalMessage : here.message,
    };
  }
  if (depth > 5 || here.code) return here;
  // Node tries every address of "localhost" (::1, 127.0.0.1) and reports an AggregateError.
  const inner = e.errors?.[0] ?? e.cause;
  return inner === undefined ? here : { ...factsOf(inner, depth + 1), message: here.message || String(inner) };
}

function isAdapterCause(value: unknown): value is { kind: string; originalCode?: unknown; originalMessage?: unknown } {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/** Prisma's messages start with a code frame; the sentence that matters comes last. */
function lastLine(message: string): string {
  return message.split("\n").filter((l) => l.trim() !== "").at(-1)?.trim() ?? message;
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
    case "42P01":
      return `${message} in the database at ${target.where}: are its migrations applied? (npm run db:migrate)`;
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
  if (/Connection terminated/i.test(message)) {
    return `cannot connect to PostgreSQL at ${target.where}: the connection closed or timed out before it was ready`;
  }
  return `database error at ${target.where}: ${message}`;
}
