// With JavaScript off, the app still works: a person signs in by email (a first visit, no cookie
// yet), then refreshes and disconnects an account, seeing each outcome. Only linking needs
// JavaScript (Stripe's window), so the account is linked in a second, scripted browser context
// signed in as the same person.
import { expect, test } from "@playwright/test";
import { linkAtTestInstitution, signInByEmail, uniqueEmail } from "./fixtures";

test.use({ javaScriptEnabled: false });

test.describe("user", () => {
  test("signs in by email, refreshes an account and disconnects it, all without JavaScript", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const email = uniqueEmail("no-js");
    await page.goto("/accounts");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccounts/);
    // A wrong address is refused by the server, in words a person can act on.
    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.locator("#email-error")).toHaveText("Enter a valid email address, like you@example.com.");
    await signInByEmail(page, email);
    await expect(page).toHaveURL(/\/accounts$/);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    // Linking cannot work here: the page says so instead of a button stuck on "Loading…".
    await expect(page.getByText("Linking a bank account needs JavaScript")).toBeVisible();
    await expect(page.getByRole("button", { name: /Link a bank account|Loading/ })).toBeHidden();

    // The same person, in a browser with JavaScript, links one account.
    const scripted = await browser.newContext({ javaScriptEnabled: true });
    await scripted.addCookies(await page.context().cookies());
    const linker = await scripted.newPage();
    await linker.goto("/accounts");
    await linkAtTestInstitution(linker, ["Checking"]);
    await expect(linker.getByTestId("link-outcome")).toHaveText("Linked 1 account.");
    await scripted.close();

    await page.reload();
    await page.getByTestId("account-card").first().click();
    await expect(page).toHaveURL(/\/accounts\/[^/]+$/);
    const balance = page.getByTestId("detail-balance");
    // Linking's own balance refresh may still be under way: the page reloads itself until it is in.
    await expect(balance).toHaveText(/^\$[\d,]+\.\d\d$/, { timeout: 30_000 });

    await page.getByRole("button", { name: "Refresh balance" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Refreshing balance… this page updates when your bank answers." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Refreshing balance…" })).toBeDisabled();
    // No script polls: the page reloads itself and shows the answer.
    await expect(page.getByRole("button", { name: "Refresh balance" })).toBeEnabled({ timeout: 30_000 });
    await expect(balance).toHaveText(/^\$[\d,]+\.\d\d$/);

    // No dialog without JavaScript: the first press asks in the page; "Keep it" changes nothing.
    await page.getByRole("button", { name: "Disconnect" }).click();
    const confirm = page.getByRole("region", { name: "Disconnect this account?" });
    await expect(confirm).toContainText("Stripe will revoke our access");
    await confirm.getByRole("link", { name: "Keep it" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText("Active", { exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Disconnect" }).click();
    await confirm.getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Disconnected. We no longer read this account." })).toBeVisible();
    await expect(page.getByText("Disconnected", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Refresh/ })).toHaveCount(0);

    await page.goto("/accounts");
    await expect(page.getByRole("heading", { name: "Disconnected" })).toBeVisible();

    // Signing out ends the session on the server, not only in this browser: its old cookie no longer works.
    const signedIn = await page.context().cookies();
    await page.locator("summary", { hasText: "Account menu for" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    const replay = await browser.newContext({ javaScriptEnabled: false });
    await replay.addCookies(signedIn);
    const stale = await replay.newPage();
    await stale.goto("/accounts");
    await expect(stale).toHaveURL(/\/signin/);
    await replay.close();
  });

  test("Continue with GitHub sends the browser to GitHub with this app's client id, without JavaScript", async ({ page }) => {
    let authorize: URL | undefined;
    // GitHub is out of reach here: the browser's request is answered in its place, and read.
    await page.route("https://github.com/login/oauth/authorize**", async (route) => {
      authorize = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>GitHub</h1>" });
    });
    await page.goto("/signin?callbackUrl=%2Faccounts");
    await page.getByRole("button", { name: "Continue with GitHub" }).click();
    await expect(page.getByRole("heading", { name: "GitHub" })).toBeVisible();
    expect(authorize?.searchParams.get("client_id")).toBe("e2e-github-client");
    expect(authorize?.searchParams.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+\/api\/auth\/callback\/github$/);
    // The sign-in came back to this app with next-auth's callback cookie for /accounts.
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "next-auth.callback-url")?.value).toMatch(/%2Faccounts$|\/accounts$/);
  });
});

// The admin's part (changing a role, disconnecting an account without JavaScript) is in
// e2e/no-javascript-admin.spec.ts.
