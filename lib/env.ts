// Every setting the app reads, parsed once. A missing or malformed value stops the
// start with a message naming the variable (see instrumentation.ts), never a stack trace.
import { z } from "zod";

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

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string({ error: "is required (npm run dev starts an embedded database and sets it)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
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
    LINK_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
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

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

/** Parses a set of variables; exported for tests. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The parsed settings of this process, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** True in `next dev` and tests; the demo sign-in and the outbox exist only then. */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV !== "production";
}

/** The secret next-auth signs with; a fixed one is fine outside production. */
export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? "development-only-secret-not-for-production-use";
}
