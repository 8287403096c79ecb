import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "./env";

const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/app" };

function problems(vars: Record<string, string | undefined>): string[] {
  try {
    parseEnv(vars);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("accepts the minimal development configuration and fills defaults", () => {
    const env = parseEnv(base);
    expect(env.PORT).toBe(3000);
    expect(env.ADMIN_EMAILS).toEqual([]);
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("names a missing DATABASE_URL", () => {
    expect(problems({})).toEqual([expect.stringMatching(/^DATABASE_URL /)]);
  });

  it("names each malformed variable", () => {
    const found = problems({
      ...base,
      PORT: "seventy",
      STRIPE_SECRET_KEY: "pk_test_wrong",
      STRIPE_API_BASE: "not a url",
      EMAIL_SERVER: "mailto:me",
    });
    expect(found.map((p) => p.split(" ")[0]).sort()).toEqual(["EMAIL_SERVER", "PORT", "STRIPE_API_BASE", "STRIPE_SECRET_KEY"]);
  });

  it("requires NEXTAUTH_SECRET in production only", () => {
    expect(problems({ ...base, NODE_ENV: "production" })).toEqual(["NEXTAUTH_SECRET is required in production"]);
    expect(problems({ ...base, NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) })).toEqual([]);
  });

  it("requires OAuth ids and secrets in pairs", () => {
    expect(problems({ ...base, GITHUB_ID: "abc" })).toEqual(["GITHUB_SECRET must be set together with GITHUB_ID"]);
  });

  it("treats empty values as unset, as .env files write them", () => {
    expect(parseEnv({ ...base, STRIPE_SECRET_KEY: "", NEXTAUTH_URL: " " }).STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("splits and lower-cases ADMIN_EMAILS", () => {
    expect(parseEnv({ ...base, ADMIN_EMAILS: " Ann@Example.com, bob@example.com ,," }).ADMIN_EMAILS).toEqual([
      "ann@example.com",
      "bob@example.com",
    ]);
  });
});

describe("linking settings", () => {
  it("default to Stripe's common choices", () => {
    const env = parseEnv(base);
    expect(env.LINK_PERMISSIONS).toEqual(["payment_method", "balances", "ownership", "transactions"]);
    expect(env.LINK_PREFETCH).toEqual(["balances"]);
    expect(env.LINK_COUNTRY).toBe("US");
  });

  it("name the variable holding an unknown permission", () => {
    expect(problems({ ...base, LINK_PERMISSIONS: "balances,telepathy" })[0]).toMatch(/^LINK_PERMISSIONS/);
  });
});
