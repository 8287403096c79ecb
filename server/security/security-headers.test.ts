import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders, securitySettingsFromEnv } from "./content-security-policy";
import { checkRequestOrigin } from "./origin-check";
import { checkJsonBody, MAX_API_BODY_BYTES } from "./request-body";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `) || d === name);

describe("contentSecurityPolicy", () => {
  it("allows real Stripe.js and its frames, and no emulator unless configured", () => {
    const csp = contentSecurityPolicy(securitySettingsFromEnv({ NODE_ENV: "production", NEXTAUTH_URL: "https://app.example" }));
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'unsafe-inline' https://js.stripe.com https://*.js.stripe.com");
    expect(directive(csp, "frame-src")).toContain("https://hooks.stripe.com");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'self'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "upgrade-insecure-requests")).toBeDefined();
    expect(csp).not.toContain("127.0.0.1");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("with a nonce, runs only scripts carrying it (and what they load), never inline ones", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const csp = contentSecurityPolicy(securitySettingsFromEnv({ NODE_ENV: "production" }), nonce);
    expect(directive(csp, "script-src")).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic' https://js.stripe.com https://*.js.stripe.com`);
    expect(csp).not.toContain("'unsafe-inline' https");
  });

  it("adds the emulator's origin (only its origin) when STRIPE_JS_URL points there, and eval in development", () => {
    const csp = contentSecurityPolicy(securitySettingsFromEnv({ NODE_ENV: "development", STRIPE_JS_URL: "http://127.0.0.1:12111/v3/stripe.js" }));
    for (const name of ["script-src", "frame-src", "connect-src"]) expect(directive(csp, name)).toContain("http://127.0.0.1:12111");
    expect(csp).not.toContain("/v3/stripe.js");
    expect(directive(csp, "script-src")).toContain("'unsafe-eval'");
    expect(directive(csp, "upgrade-insecure-requests")).toBeUndefined();
  });

  it("lets sign-in navigations reach the configured OAuth providers only", () => {
    expect(directive(contentSecurityPolicy({ development: false }), "form-action")).toBe("form-action 'self'");
    const both = contentSecurityPolicy(securitySettingsFromEnv({ NODE_ENV: "production", GITHUB_ID: "x", GOOGLE_CLIENT_ID: "y" }));
    expect(directive(both, "form-action")).toBe("form-action 'self' https://github.com https://accounts.google.com");
  });

  it("sends HSTS only in production over https", () => {
    expect(securityHeaders({ development: false, publicUrl: "https://app.example" })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
    expect(securityHeaders({ development: false, publicUrl: "http://localhost:3001" })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ development: true, publicUrl: "https://app.example" })["Strict-Transport-Security"]).toBeUndefined();
  });
});

const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers: new Headers(headers) });

describe("checkRequestOrigin", () => {
  const url = "http://localhost:3000/accounts/x";

  it("lets same-origin browser requests and reads through", () => {
    expect(checkRequestOrigin(req("POST", url, { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).ok).toBe(true);
    expect(checkRequestOrigin(req("POST", url, { origin: "http://localhost:3000", host: "localhost:3000" })).ok).toBe(true);
    expect(checkRequestOrigin(req("GET", url, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).ok).toBe(true);
  });

  it("refuses cross-site and same-site (sibling subdomain) browser mutations", () => {
    expect(checkRequestOrigin(req("POST", url, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).ok).toBe(false);
    expect(checkRequestOrigin(req("DELETE", url, { origin: "https://evil.example" })).ok).toBe(false);
    expect(checkRequestOrigin(req("POST", url, { origin: "null" })).ok).toBe(false);
    expect(checkRequestOrigin(req("PATCH", url, { "sec-fetch-site": "same-site" })).ok).toBe(false);
  });

  it("trusts NEXTAUTH_URL's origin behind a TLS-terminating proxy", () => {
    const internal = "http://10.0.0.5:3000/api/link-sessions";
    expect(checkRequestOrigin(req("POST", internal, { origin: "https://app.example", "sec-fetch-site": "cross-site" }), "https://app.example/").ok).toBe(true);
  });

  it("exempts Stripe's webhook, API-key callers and clients that are not browsers", () => {
    expect(checkRequestOrigin(req("POST", "http://localhost:3000/api/webhooks/stripe", { origin: "https://evil.example" })).ok).toBe(true);
    expect(checkRequestOrigin(req("POST", "http://localhost:3000/api/link-tokens", { authorization: "Bearer lw_abc" })).ok).toBe(true);
    expect(checkRequestOrigin(req("POST", url)).ok).toBe(true);
  });
});

describe("checkJsonBody", () => {
  const url = "http://localhost:3000/api/link-sessions";

  it("refuses a non-JSON body with 415 and a declared oversize body with 413", () => {
    expect(checkJsonBody(req("POST", url, { "content-type": "text/plain", "content-length": "2" }))).toMatchObject({ ok: false, status: 415 });
    expect(checkJsonBody(req("POST", url, { "content-length": "5" }))).toMatchObject({ ok: false, status: 415 });
    expect(checkJsonBody(req("POST", url, { "content-type": "application/json", "content-length": String(MAX_API_BODY_BYTES + 1) }))).toMatchObject({ ok: false, status: 413 });
  });

  it("accepts JSON, empty bodies, and the routes that take forms or raw bodies", () => {
    expect(checkJsonBody(req("POST", url, { "content-type": "application/json; charset=utf-8", "content-length": "2" })).ok).toBe(true);
    expect(checkJsonBody(req("POST", url, { "content-length": "0" })).ok).toBe(true);
    expect(checkJsonBody(req("POST", "http://localhost:3000/api/dev/demo-sign-in", { "content-type": "application/x-www-form-urlencoded", "content-length": "8" })).ok).toBe(true);
    expect(checkJsonBody(req("POST", "http://localhost:3000/api/auth/signin/email", { "content-type": "application/x-www-form-urlencoded", "content-length": "8" })).ok).toBe(true);
    expect(checkJsonBody(req("POST", "http://localhost:3000/api/webhooks/stripe", { "content-type": "text/plain", "content-length": "8" })).ok).toBe(true);
  });
});
