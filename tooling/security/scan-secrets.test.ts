import { describe, expect, it } from "vitest";
import { scanForSecrets } from "./scan-secrets";

describe("scanForSecrets", () => {
  it("finds each secret shape inlined into a bundle", () => {
    const bundle = [
      'let a="sk_test_51Hxyzabcdef0123";',
      'const b={key:"sk_live_abcdefghij"};',
      'x("rk_live_0123456789ab")',
      'const w="whsec_abcdef123456"',
      'fetch("postgresql://app:pw@db.internal:5432/app")',
      'c="postgres://u@h/d"',
      't="smtp://user:pass@mail.example.com:587"',
    ].join("\n");
    const names = scanForSecrets(bundle).map((f) => f.pattern);
    expect(names.filter((n) => n === "Stripe secret key")).toHaveLength(2);
    expect(names).toContain("Stripe restricted key");
    expect(names).toContain("Stripe webhook secret");
    expect(names.filter((n) => n === "database URL")).toHaveLength(2);
    expect(names).toContain("SMTP URL with credentials");
  });

  it("finds a configured secret value by its literal text, without echoing it", () => {
    const secret = "e2e-only-secret-with-at-least-32-characters";
    const findings = scanForSecrets(`var s=${JSON.stringify(secret)};`, [secret]);
    expect(findings).toEqual([{ pattern: "configured secret value", index: 7, excerpt: "[redacted]" }]);
  });

  it("passes what a browser is meant to see", () => {
    const bundle = 'loadStripe("pk_test_51Habc");var u="https://js.stripe.com/v3";var skip="sk_";const re=/^(sk|rk)_(test|live)_/;';
    expect(scanForSecrets(bundle, ["short"])).toEqual([]);
  });
});
