// Every setting the app reads, parsed once. A missing or malformed value stops the
// start with a message naming the variable (see instrumentation.ts), never a stack trace.
import { z } from "zod";
import { checkRedirectUri } from "@/server/hosted-link/redirect-uri";
import { EMULATOR_KEYS } from "@/server/stripe/emulator-keys";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );

/** A comma-separated list whose every item must be one of `values`. */
const enumList = <T extends string>(values: readonly [T, ...T[]], fallback: T[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { error: `each item must be one of ${values.join(", ")}` })))
    .transform((items) => (items.length ? [...new Set(items)] : fallback));

/** pino's levels, most to least severe; `silent` logs nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * The database's settings: part of the one schema below, and parsed on their own by
 * databaseSettings() because CLI scripts that only need a database open it too.
 */
const databaseFields = {
  DATABASE_URL: z
    .string({ error: "is required (npm run dev starts an embedded database and sets it)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  // Connections per process. PGlite runs one query at a time anyway; on a server, multiply by
  // the instances when sizing max_connections.
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
};
const databaseSchema = z.object(databaseFields);

/** Exact redirect URIs, comma-separated, each one that checkRedirectUri accepts. */
const redirectUriList = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean))
  .superRefine((uris, ctx) => {
    for (const uri of uris) {
      const check = checkRedirectUri(uri);
      if (!check.ok) ctx.addIssue({ code: "custom", message: `${uri} ${check.reason}` });
    }
  });

const schema = z
  .object({
    ...databaseFields,
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // A production build run as a test deployment on one machine (the e2e and load stacks): lets
    // it use the Stripe emulator, keep sign-in links in the outbox table and run on http.
    TEST_DEPLOYMENT: optional(z.enum(["0", "1", "true", "false"], { error: "must be 1 or 0" })).transform((v) => v === "1" || v === "true"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    NEXTAUTH_URL: optional(z.url({ error: "must be a URL like http://localhost:3000" })),
    NEXTAUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
    EMAIL_SERVER: optional(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")),
    EMAIL_FROM: z.string().default("Linkwell <no-reply@linkwell.local>"),
    GITHUB_ID: optional(z.string()),
    GITHUB_SECRET: optional(z.string()),
    GOOGLE_CLIENT_ID: optional(z.string()),
    GOOGLE_CLIENT_SECRET: optional(z.string()),
    ADMIN_EMAILS: commaList,
    STRIPE_SECRET_KEY: optional(z.string().regex(/^(sk|rk)_(test|live)_/, "must start with sk_test_, sk_live_ or rk_")),
    STRIPE_PUBLISHABLE_KEY: optional(z.string().regex(/^pk_(test|live)_/, "must start with pk_test_ or pk_live_")),
    STRIPE_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_/, "must start with whsec_ (comma-separate several)")),
    STRIPE_API_BASE: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
    STRIPE_JS_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
    STRIPE_TIMEOUT_MS: z.coerce.number().int().min(100).max(80_000).default(8_000),
    LINK_PERMISSIONS: enumList(["balances", "ownership", "payment_method", "transactions"], [
      "payment_method",
      "balances",
      "ownership",
      "transactions",
    ]),
    LINK_PREFETCH: enumList(["balances", "ownership", "transactions"], ["balances"]),
    LINK_COUNTRY: z
      .string()
      .default("US")
      .transform((v) => v.trim().toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code like US")),
    LINK_ACCOUNT_LIMIT: z.coerce.number().int().min(1).max(100).default(100),
    // Hosted linking: where a signed-in user's link may return (API keys carry their own list).
    LINK_REDIRECT_URIS: redirectUriList,
    LINK_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    // Per 15 minutes (server/auth/sign-in-email-limit.ts, server/auth/guards.ts).
    SIGN_IN_EMAILS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(5),
    SIGN_IN_EMAILS_PER_CLIENT: z.coerce.number().int().min(1).max(1_000_000).default(30),
    API_KEY_FAILURES_PER_CLIENT: z.coerce.number().int().min(1).max(1_000_000).default(30),
    // Requests one API key may make to /api/v1 per minute (server/integrations/api/v1-route.ts).
    API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // Development only (ignored in production): integrator callbacks may go to this machine.
    CALLBACKS_ALLOW_LOOPBACK: optional(z.enum(["true", "false", "1", "0"], { error: "must be true or false" })).transform((v) => v === "true" || v === "1"),
    LOG_LEVEL: z
      .string()
      .default("info")
      .transform((v) => v.trim().toLowerCase() || "info")
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && !env.TEST_DEPLOYMENT) {
      for (const [name, message] of productionProblems(env)) ctx.addIssue({ code: "custom", path: [name], message });
    }
    for (const [id, secret] of [
      ["GITHUB_ID", "GITHUB_SECRET"],
      ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
    ] as const) {
      if (Boolean(env[id]) !== Boolean(env[secret])) {
        ctx.addIssue({ code: "custom", path: [env[id] ? secret : id], message: `must be set together with ${env[id] ? id : secret}` });
      }
    }
  });

export type Env = z.infer<typeof schema>;

const TEST_DEPLOYMENT_HINT = "(TEST_DEPLOYMENT=1 allows it on a test deployment only)";

/**
 * What a real deployment must not start without, or with: a missing Stripe key would start the
 * emulator, whose webhook secret is public in this source; a missing EMAIL_SERVER would keep live
 * sign-in links in a table; an http NEXTAUTH_URL sends session cookies in the clear. Messages name
 * the variable, never its value.
 */
function productionProblems(env: Omit<Env, "TEST_DEPLOYMENT">): [string, string][] {
  const problems: [string, string][] = [];
  const required = (name: keyof typeof env, why: string) => {
    if (!env[name]) problems.push([name, `is required in production: ${why}`]);
  };
  const emulatorValue = (name: keyof typeof EMULATOR_KEYS) => {
    const values = String(env[name] ?? "").split(",").map((v) => v.trim());
    if (values.includes(EMULATOR_KEYS[name])) problems.push([name, `is the Stripe emulator's public value, for development only ${TEST_DEPLOYMENT_HINT}`]);
  };
  required("STRIPE_SECRET_KEY", "without it the app would run the Stripe emulator");
  required("STRIPE_PUBLISHABLE_KEY", "Stripe.js needs it in the browser");
  required("STRIPE_WEBHOOK_SECRET", "webhooks cannot be verified without it");
  for (const name of Object.keys(EMULATOR_KEYS) as (keyof typeof EMULATOR_KEYS)[]) emulatorValue(name);
  required("EMAIL_SERVER", "sign-in links must be emailed, not kept in the development outbox");
  if (!env.NEXTAUTH_URL) problems.push(["NEXTAUTH_URL", "is required in production: the public https URL of the app"]);
  else if (new URL(env.NEXTAUTH_URL).protocol !== "https:") problems.push(["NEXTAUTH_URL", `must be an https URL in production ${TEST_DEPLOYMENT_HINT}`]);
  for (const name of ["STRIPE_API_BASE", "STRIPE_JS_URL"] as const) {
    const value = env[name];
    if (value && new URL(value).protocol !== "https:") problems.push([name, `must be an https URL in production (http is the emulator's) ${TEST_DEPLOYMENT_HINT}`]);
  }
  return problems;
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

/** Parses a set of variables; exported for tests. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(schema, source);
}

function parseWith<T extends z.ZodType>(target: T, source: Record<string, string | undefined>): z.infer<T> {
  const result = target.safeParse(source);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
  }
  return result.data;
}

// The process environment is read once; tests layer explicit overrides on top of it.
let testOverrides: Record<string, string | undefined> = {};
let cached: Env | undefined;
let cachedDatabase: DatabaseSettings | undefined;

function source(): Record<string, string | undefined> {
  return { ...process.env, ...testOverrides };
}

/** The parsed settings of this process, parsed on first use (instrumentation.ts: at start). */
export function env(): Env {
  cached ??= parseEnv(source());
  return cached;
}

export type DatabaseSettings = z.infer<typeof databaseSchema>;

/**
 * DATABASE_URL and DATABASE_POOL_SIZE, validated by the same rules as in env(), without
 * requiring the rest: CLI scripts (reconcile, doctor) open the database with only these set.
 */
export function databaseSettings(): DatabaseSettings {
  cachedDatabase ??= parseWith(databaseSchema, source());
  return cachedDatabase;
}

/**
 * A value built from the settings (the Stripe client, next-auth's options), built once and
 * again only when the settings change, which only tests do.
 */
export function fromEnv<T>(build: (settings: Env) => T): () => T {
  let builtFrom: Env | undefined;
  let value: T;
  return () => {
    const current = env();
    if (builtFrom !== current) {
      value = build(current);
      builtFrom = current;
    }
    return value;
  };
}

/**
 * Tests: sets variables on top of the process environment (and of earlier overrides; undefined
 * unsets one). env() and everything built with fromEnv() see them at once, so tests import
 * modules statically. Validated like a start: a bad value throws naming the variable.
 */
export function setEnvForTests(overrides: Record<string, string | undefined>): void {
  if (process.env.NODE_ENV !== "test") throw new Error("setEnvForTests is for tests only");
  applyOverrides({ ...testOverrides, ...overrides });
}

/** Tests: drops every override, back to the process environment. */
export function resetEnvForTests(): void {
  applyOverrides({});
}

/** Tests: runs `run` with these overrides, then restores the earlier settings (also on failure). */
export async function withEnv<T>(overrides: Record<string, string | undefined>, run: () => T | Promise<T>): Promise<T> {
  const previous = testOverrides;
  setEnvForTests(overrides);
  try {
    return await run();
  } finally {
    applyOverrides(previous);
  }
}

function applyOverrides(overrides: Record<string, string | undefined>): void {
  const previous = testOverrides;
  testOverrides = overrides;
  cached = undefined;
  cachedDatabase = undefined;
  try {
    env();
    databaseSettings();
  } catch (error) {
    testOverrides = previous;
    cached = undefined;
    cachedDatabase = undefined;
    throw error;
  }
}

/**
 * True in `next dev` and tests (NODE_ENV set to development or test, as both do), never when
 * NODE_ENV is unset or anything else: the demo sign-in and the outbox page exist only then.
 */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV === "development" || process.env.NODE_ENV === "test";
}

/**
 * Whether sign-in links may be kept in the outbox table instead of mailed: development, tests,
 * and a production build explicitly run as a test deployment (TEST_DEPLOYMENT=1).
 */
export function outboxAllowed(): boolean {
  return isDevelopment() || (process.env.NODE_ENV === "production" && env().TEST_DEPLOYMENT);
}

/** The secret next-auth signs with; a fixed one is fine outside production. */
export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? "development-only-secret-not-for-production-use";
}
