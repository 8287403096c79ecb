// The holes a security review found on a running instance, probed the same way: redirects through
// control characters, a flood of sign-in emails, the development server on the network, and the
// demo sign-in and outbox trusting anyone who can reach them.
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "../playwright.config";
import { uniqueEmail } from "./fixtures";

const APP = new URL(E2E.appUrl);

async function demoSignedIn(playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } }, baseURL: string | undefined) {
  const context = await playwright.request.newContext({ baseURL });
  expect((await context.post("/api/dev/demo-sign-in", { form: { as: "user" }, maxRedirects: 0 })).status()).toBe(303);
  return context;
}

/** Where a browser goes with this Location header: the URL parser drops tabs and newlines. */
const resolved = (location: string | undefined) => new URL(location ?? "", E2E.appUrl);

test.describe("redirects stay on this site", () => {
  test("a signed-in visitor's callbackUrl with a tab, newline or backslash goes to a page here, never a 500", async ({ playwright, baseURL }) => {
    const user = await demoSignedIn(playwright, baseURL);
    for (const value of ["/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "/%5C/evil.example", "/%2F%2Fevil.example", "%09//evil.example", "https://evil.example/"]) {
      const response = await user.get(`/signin?callbackUrl=${value}`, { maxRedirects: 0 });
      expect(response.status(), value).toBeGreaterThanOrEqual(300);
      expect(response.status(), value).toBeLessThan(400);
      const target = resolved(response.headers()["location"]);
      expect(target.origin, `${value} -> ${response.headers()["location"]}`).toBe(APP.origin);
      expect(target.pathname, value).toMatch(/^\/(accounts)?$/);
    }
    await user.dispose();
  });

  test("in the browser, /signin?callbackUrl=/%09/evil.example ends on this site", async ({ page }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Demo user" }).click();
    await expect(page).toHaveURL(/\/accounts$/);
    await page.goto("/signin?callbackUrl=/%09/evil.example");
    await expect(page).toHaveURL(`${E2E.appUrl}/accounts`);
  });

  test("the demo sign-in's callbackUrl with a tab goes to a page here", async ({ request }) => {
    for (const callbackUrl of ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example"]) {
      const response = await request.post("/api/dev/demo-sign-in", { form: { as: "user", callbackUrl }, maxRedirects: 0 });
      expect(response.status(), JSON.stringify(callbackUrl)).toBe(303);
      expect(resolved(response.headers()["location"]).href, JSON.stringify(callbackUrl)).toBe(`${E2E.appUrl}/accounts`);
    }
  });
});

test.describe("sign-in emails are limited", () => {
  async function askForLink(request: APIRequestContext, email: string) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return request.post("/api/auth/signin/email", { form: { email, csrfToken, callbackUrl: "/accounts", json: "true" }, maxRedirects: 0 });
  }

  test("the sixth link for one address within 15 minutes is a 429 with Retry-After, and the page says so", async ({ page, request }) => {
    const email = uniqueEmail("flood");
    for (let i = 0; i < 5; i++) expect((await askForLink(request, email)).status(), `link ${i + 1}`).toBe(200);
    const refused = await askForLink(request, email);
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

    await page.goto("/signin");
    await page.getByLabel("Email address").fill(email.toUpperCase());
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.locator("#email-error")).toHaveText("Too many sign-in links were asked for. Please wait a few minutes, then try again.");
  });
});

test.describe("development is for this machine only", () => {
  test("the development server does not listen on the network interfaces", async () => {
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && !a.address.startsWith("fe80"))
      .map((a) => a!.address);
    // Every probe must be refused; loopback itself must answer (the probe works).
    const reach = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connect({ host, port: Number(APP.port), timeout: 3_000 });
        socket.once("connect", () => (socket.destroy(), resolve(true)));
        socket.once("error", () => resolve(false));
        socket.once("timeout", () => (socket.destroy(), resolve(false)));
      });
    expect(await reach("127.0.0.1")).toBe(true);
    const reachable = [];
    for (const address of addresses) if (await reach(address)) reachable.push(address);
    expect(reachable).toEqual([]);
  });

  test("the demo sign-in and outbox decide by the socket: a forged peer header or X-Forwarded-For changes nothing", async ({ request }) => {
    // From loopback, claiming to be elsewhere: still this machine (the socket wins).
    const signedIn = await request.post("/api/dev/demo-sign-in", {
      form: { as: "user" },
      headers: { "x-linkwell-peer-address": "192.0.2.9", "x-forwarded-for": "192.0.2.9" },
      maxRedirects: 0,
    });
    expect(signedIn.status()).toBe(303);
    const outbox = await request.get("/dev/outbox", { headers: { "x-linkwell-peer-address": "192.0.2.9", "x-forwarded-for": "192.0.2.9" } });
    expect(outbox.status()).toBe(200);
  });

  test("the app opened at http://127.0.0.1 hydrates: its buttons work", async ({ page }) => {
    const url = `http://127.0.0.1:${APP.port}`;
    await page.goto(`${url}/signin`);
    const send = page.getByRole("button", { name: "Email me a sign-in link" });
    await expect(send).toBeEnabled({ timeout: 60_000 });
    await page.getByRole("button", { name: "Demo user" }).click();
    await expect(page).toHaveURL(`${url}/accounts`);
    await expect(page.getByRole("button", { name: "Link a bank account" }).first()).toBeEnabled({ timeout: 60_000 });
  });
});
