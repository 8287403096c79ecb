// Security headers, cookies and cross-site request refusal, on the development server and on
// the production build (PROD_URL). Both run over http here, so HSTS and Secure cookies are
// absent by design: they are conditioned on an https NEXTAUTH_URL (server/security/security-headers.test.ts
// covers HSTS; next-auth switches to __Secure- cookies with Secure on https by itself).
import { expect, test } from "@playwright/test";
import { PROD_URL, stackInfo } from "./fixtures";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.split(" ")[0] === name) ?? "";

for (const [server, base] of [["development", ""], ["production", PROD_URL]] as const) {
  test(`${server}: pages carry the CSP (Stripe.js and the configured emulator allowed) and the static headers`, async ({ request }) => {
    const emulator = new URL(stackInfo().emulatorUrl).origin;
    for (const path of ["/", "/signin", "/link/not-a-real-token"]) {
      const response = await request.get(`${base}${path}`, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      expect(directive(csp, "default-src")).toBe("default-src 'self'");
      for (const name of ["script-src", "frame-src"]) expect(directive(csp, name)).toContain("https://js.stripe.com");
      expect(directive(csp, "connect-src")).toContain("https://api.stripe.com");
      for (const name of ["script-src", "frame-src", "connect-src"]) expect(directive(csp, name)).toContain(emulator);
      expect(directive(csp, "script-src").includes("'unsafe-eval'")).toBe(server === "development");
      // A fresh nonce per response, on every script Next.js writes into the page; no inline scripts otherwise.
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(directive(csp, "script-src"))?.[1];
      expect(nonce, path).toBeTruthy();
      expect(directive(csp, "script-src")).toContain("'strict-dynamic'");
      expect(directive(csp, "script-src")).not.toContain("'unsafe-inline'");
      const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      const again = (await request.get(`${base}${path}`, { maxRedirects: 0 })).headers()["content-security-policy"] ?? "";
      expect(again).not.toContain(nonce!);
      expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'self'");
      expect(directive(csp, "object-src")).toBe("object-src 'none'");
      expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
      // http here: no HSTS (it is sent in production over https only).
      expect(headers["strict-transport-security"]).toBeUndefined();
      // The hosted page opens Stripe's OAuth popup and is opened by apps' webviews: no COOP
      // same-origin, and a referrer stays available to the bank redirect chain.
      expect(headers["cross-origin-opener-policy"] ?? "").not.toBe("same-origin");
      expect(headers["referrer-policy"]).not.toBe("no-referrer");
    }
  });

  test(`${server}: API answers and static assets are nosniff`, async ({ request }) => {
    const api = await request.get(`${base}/api/health`);
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["content-security-policy"]).toBeTruthy();
    const html = await (await request.get(`${base}/signin`)).text();
    const asset = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
    expect(asset).toBeTruthy();
    const response = await request.get(`${base}${asset}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  });
}

test("production: next-auth's cookies are HttpOnly and SameSite=Lax (Secure and __Secure- come with an https NEXTAUTH_URL)", async ({ request }) => {
  const response = await request.get(`${PROD_URL}/api/auth/csrf`);
  expect(response.status()).toBe(200);
  const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  expect(cookies.some((c) => c.startsWith("next-auth.csrf-token="))).toBe(true);
  for (const cookie of cookies) {
    expect(cookie, cookie.split("=")[0]).toMatch(/;\s*HttpOnly/i);
    expect(cookie, cookie.split("=")[0]).toMatch(/;\s*SameSite=Lax/i);
  }
});

test.describe("cross-site requests", () => {
  const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

  for (const [server, base] of [["development", ""], ["production", PROD_URL]] as const) {
    test(`${server}: a cross-site mutation (route or server action page) is refused with a clear 403 before the route runs`, async ({ request }) => {
      for (const path of ["/api/link-sessions", "/accounts/x", "/admin/users/x", "/api/link-tokens/start", "/api/dev/demo-sign-in", "/api/auth/signin/email", "/api/auth/signout"]) {
        const response = await request.post(`${base}${path}`, { headers: evil, data: {}, maxRedirects: 0 });
        expect(response.status(), path).toBe(403);
        expect(await response.json()).toEqual({ error: { message: "Cross-site request refused" } });
      }
      // Origin alone (no Sec-Fetch-Site, an older browser) is enough to refuse.
      const byOrigin = await request.post(`${base}/api/link-sessions`, { headers: { origin: "https://evil.example" }, data: {} });
      expect(byOrigin.status()).toBe(403);
    });

    test(`${server}: same-origin mutations, API-key callers and Stripe's webhook pass the check`, async ({ request }) => {
      const origin = base || new URL(stackInfo().appUrl).origin;
      const sameOrigin = await request.post(`${base}/api/link-sessions`, { headers: { origin, "sec-fetch-site": "same-origin" }, data: {} });
      expect(sameOrigin.status()).toBe(401); // reached the route: not signed in
      const bearer = await request.post(`${base}/api/link-tokens`, { headers: { ...evil, authorization: "Bearer lwk_not_a_key" }, data: {} });
      expect(bearer.status()).toBe(401);
      const webhook = await request.post(`${base}/api/webhooks/stripe`, { headers: evil, data: {} });
      expect(webhook.status()).toBe(400); // unsigned: refused by the signature check, not the origin check
    });
  }

  test("a cross-site page cannot sign someone in or out, or change state, from a form", async ({ page, request }) => {
    // next-auth's own CSRF token: a same-origin sign-in POST without it does nothing.
    const noToken = await request.post("/api/auth/signin/email", { form: { email: "victim@example.com" }, maxRedirects: 0 });
    expect(noToken.status()).toBe(302);
    expect(noToken.headers().location).toMatch(/csrf=true/);

    // A real browser on another origin submitting a form at the app: refused by the Origin check.
    await page.route("https://evil.example/", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form id=f method=post action="${stackInfo().appUrl}/api/dev/demo-sign-in"><input name=as value=admin></form><script>f.submit()</script>`,
      }),
    );
    const answer = page.waitForResponse((r) => r.url().endsWith("/api/dev/demo-sign-in"));
    await page.goto("https://evil.example/");
    expect((await answer).status()).toBe(403);
    const session = await page.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
  });
});
