import { afterEach, describe, expect, it } from "vitest";
import { databaseSettings, env, fromEnv, InvalidEnvironmentError, parseEnv, resetEnvForTests, setEnvForTests, withEnv } from "./env";

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

// A complete production configuration: each test below takes one thing away or spoils it.
const production = {
  ...base,
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "x".repeat(32),
  NEXTAUTH_URL: "https://linkwell.example.com",
  EMAIL_SERVER: "smtps://user:pass@smtp.example.com:465",
  STRIPE_SECRET_KEY: "sk_live_51abc",
  STRIPE_PUBLISHABLE_KEY: "pk_live_51abc",
  STRIPE_WEBHOOK_SECRET: "whsec_live_secret",
};

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
    expect(problems({ ...production, NEXTAUTH_SECRET: undefined })).toEqual(["NEXTAUTH_SECRET is required in production"]);
    expect(problems(production)).toEqual([]);
    expect(problems({ ...base, NEXTAUTH_SECRET: undefined })).toEqual([]);
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

describe("a production start fails closed", () => {
  it.each([
    ["STRIPE_SECRET_KEY", { STRIPE_SECRET_KEY: undefined }],
    ["STRIPE_PUBLISHABLE_KEY", { STRIPE_PUBLISHABLE_KEY: undefined }],
    ["STRIPE_WEBHOOK_SECRET", { STRIPE_WEBHOOK_SECRET: undefined }],
    ["EMAIL_SERVER", { EMAIL_SERVER: undefined }],
    ["NEXTAUTH_SECRET", { NEXTAUTH_SECRET: undefined }],
    ["NEXTAUTH_URL", { NEXTAUTH_URL: undefined }],
  ])("without %s, naming it", (name, change) => {
    expect(problems({ ...production, ...change })).toEqual([expect.stringMatching(new RegExp(`^${name} `))]);
  });

  it.each([
    ["STRIPE_SECRET_KEY", { STRIPE_SECRET_KEY: "sk_test_emulator_local" }],
    ["STRIPE_PUBLISHABLE_KEY", { STRIPE_PUBLISHABLE_KEY: "pk_test_emulator_local" }],
    ["STRIPE_WEBHOOK_SECRET", { STRIPE_WEBHOOK_SECRET: "whsec_emulator_local_signing_secret" }],
    ["STRIPE_WEBHOOK_SECRET", { STRIPE_WEBHOOK_SECRET: "whsec_live_secret,whsec_emulator_local_signing_secret" }],
    ["NEXTAUTH_URL", { NEXTAUTH_URL: "http://linkwell.example.com" }],
    ["STRIPE_API_BASE", { STRIPE_API_BASE: "http://127.0.0.1:12111" }],
    ["STRIPE_JS_URL", { STRIPE_JS_URL: "http://127.0.0.1:12111/v3/stripe.js" }],
  ])("with a development-only %s, naming it", (name, change) => {
    const found = problems({ ...production, ...change });
    expect(found).toEqual([expect.stringMatching(new RegExp(`^${name} `))]);
    // The message names the variable, never its value.
    expect(found[0]).not.toContain(Object.values(change)[0]!);
  });

  it("names every problem at once", () => {
    const found = problems({ ...base, NODE_ENV: "production" }).map((p) => p.split(" ")[0]).sort();
    expect(found).toEqual(["EMAIL_SERVER", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "STRIPE_PUBLISHABLE_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]);
  });

  it("lets an explicit test deployment use the emulator, the outbox and http (the e2e and load stacks)", () => {
    const testDeployment = {
      ...base,
      NODE_ENV: "production",
      TEST_DEPLOYMENT: "1",
      NEXTAUTH_SECRET: "x".repeat(32),
      NEXTAUTH_URL: "http://localhost:3101",
      STRIPE_SECRET_KEY: "sk_test_emulator_local",
      STRIPE_PUBLISHABLE_KEY: "pk_test_emulator_local",
      STRIPE_WEBHOOK_SECRET: "whsec_emulator_local_signing_secret",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
    };
    expect(problems(testDeployment)).toEqual([]);
    expect(parseEnv(testDeployment).TEST_DEPLOYMENT).toBe(true);
    // NEXTAUTH_SECRET stays required even there.
    expect(problems({ ...testDeployment, NEXTAUTH_SECRET: undefined })).toEqual(["NEXTAUTH_SECRET is required in production"]);
    expect(problems({ ...testDeployment, TEST_DEPLOYMENT: "yes please" })[0]).toMatch(/^TEST_DEPLOYMENT /);
  });

  it("leaves development as it was: nothing is required", () => {
    expect(problems({ ...base, NODE_ENV: "development" })).toEqual([]);
    expect(problems({ ...base, NODE_ENV: "test", STRIPE_WEBHOOK_SECRET: "whsec_emulator_local_signing_secret" })).toEqual([]);
  });
});

describe("LINK_REDIRECT_URIS", () => {
  it("is a trimmed list of checked redirect URIs", () => {
    expect(parseEnv({ ...base, LINK_REDIRECT_URIS: " linkwell://linked, https://app.example.com/linked ,," }).LINK_REDIRECT_URIS).toEqual([
      "linkwell://linked",
      "https://app.example.com/linked",
    ]);
    expect(parseEnv(base).LINK_REDIRECT_URIS).toEqual([]);
  });

  it("names the variable and the unsafe URI, at start rather than at the first link", () => {
    expect(problems({ ...base, LINK_REDIRECT_URIS: "myapp://ok,javascript:alert(1)" })).toEqual([
      expect.stringMatching(/^LINK_REDIRECT_URIS javascript:alert\(1\) /),
    ]);
  });
});

describe("settings in tests", () => {
  afterEach(() => resetEnvForTests());

  it("override the process environment explicitly, and everything built from them follows", () => {
    const timeout = fromEnv((e) => ({ ms: e.STRIPE_TIMEOUT_MS }));
    setEnvForTests({ STRIPE_TIMEOUT_MS: "1234", ADMIN_EMAILS: "Boss@Example.com" });
    expect(env().STRIPE_TIMEOUT_MS).toBe(1234);
    expect(env().ADMIN_EMAILS).toEqual(["boss@example.com"]);
    const first = timeout();
    expect(first).toEqual({ ms: 1234 });
    expect(timeout()).toBe(first); // built once per set of settings
    setEnvForTests({ STRIPE_TIMEOUT_MS: "4321" });
    expect(timeout()).toEqual({ ms: 4321 });
    expect(env().ADMIN_EMAILS).toEqual(["boss@example.com"]); // earlier overrides stay
    resetEnvForTests();
    expect(env().STRIPE_TIMEOUT_MS).toBe(parseEnv(process.env).STRIPE_TIMEOUT_MS);
  });

  it("withEnv applies overrides for one call only, even when it throws", async () => {
    setEnvForTests({ LINK_COUNTRY: "gb" });
    await expect(withEnv({ LINK_COUNTRY: "fr" }, async () => env().LINK_COUNTRY)).resolves.toBe("FR");
    await expect(withEnv({ LINK_COUNTRY: "de" }, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(env().LINK_COUNTRY).toBe("GB");
  });

  it("are validated like a start: a bad override throws naming the variable", () => {
    expect(() => setEnvForTests({ PORT: "seventy" })).toThrow(/PORT/);
  });

  it("the database settings come from the same schema and overrides", () => {
    setEnvForTests({ DATABASE_POOL_SIZE: "3" });
    expect(databaseSettings()).toEqual({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_POOL_SIZE: 3 });
    expect(() => setEnvForTests({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
