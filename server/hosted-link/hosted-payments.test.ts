// Pay by bank on the hosted page, driven without a browser: a link minted for payments answers
// its completion with the authorization step, the page's "Authorize debits" server action is
// authorized by the attempt's signed resume value alone and reaches only the accounts that very
// link session linked, and a reload shows the step again until there is nothing left to ask.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/action-state";
import * as keys from "@/server/api-keys/manage-api-keys";
import * as auth from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { startHarness, type Harness } from "@/test/webhook-harness";
import { authorizeHostedPaymentsAction } from "./actions";
import { completeHostedLink } from "./complete-hosted-link";
import { loadHostedLink } from "./load-hosted-link";
import { mintLinkToken } from "./mint-link-token";
import { loadResume } from "./resume-hosted-link";
import { startHostedLink } from "./start-hosted-link";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const ORIGIN = "http://localhost:3999";
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function newKey(name = "Acme Budget") {
  const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.com`, role: "admin" } });
  const created = await keys.createApiKey(admin, { name, redirect_uris: ["myapp://linked"] });
  const caller = await auth.apiKeyFromRequest(new Request(ORIGIN, { headers: { authorization: `Bearer ${created.secret}` } }));
  return { admin, caller: caller! };
}

/** A person opens a link of `purpose`, links these accounts in the modal, and the page completes. */
async function linkThroughPage(caller: auth.ApiKeyCaller, accounts: string[], purpose: "data" | "payments" = "payments") {
  const minted = await mintLinkToken(
    { kind: "api_key", apiKey: caller },
    { redirect_uri: "myapp://linked", state: "st", user: { external_id: `ext-${randomUUID()}`, email: `${randomUUID()}@example.com` }, purpose },
    ORIGIN,
  );
  const token = minted.url.slice(`${ORIGIN}/link/`.length);
  const started = await startHostedLink(token, ORIGIN);
  const { stripeSessionId, userId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: minted.link_session_id } });
  await h.control(`/_emulator/test_helpers/sessions/${stripeSessionId}/complete`, { institution: "test_institution", accounts });
  const completion = await completeHostedLink(started.resume);
  const rows = await prisma.linkedAccount.findMany({ where: { linkSessionId: minted.link_session_id } });
  const byName = Object.fromEntries(rows.map((r) => [r.displayName, r.id]));
  return { minted, token, resume: started.resume, completion, byName, userId };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

const BROWSER = { "x-linkwell-peer-address": "::ffff:198.51.100.23", "user-agent": "Mozilla/5.0 (iPhone; hosted)" };

describe("the authorization step of a link for payments", () => {
  it("is in the completion: every account linked, eligible or with why not, for the integration as the debiting business", async () => {
    const { caller } = await newKey("Acme Budget");
    const { completion, byName, resume } = await linkThroughPage(caller, ["checking", "credit_card"]);
    expect(completion).toMatchObject({ status: "succeeded", linked: 2, redirect_url: expect.stringContaining("status=succeeded") });
    expect(completion.payments).toEqual({
      business: "Acme Budget",
      resume,
      accounts: [
        { id: byName.Checking, name: "Checking •••• 6789", institution: "Test Institution", title: "Checking •••• 6789 at Test Institution", eligible: true, reason: null, state: null },
        expect.objectContaining({ id: byName["Credit Card"], eligible: false, reason: "Only checking and savings accounts can be used for payments.", state: null }),
      ],
    });

    // A link for data alone asks nothing.
    const plain = await linkThroughPage(caller, ["checking"], "data");
    expect(plain.completion.payments).toBeUndefined();
  });

  it("accepts for an account of this link session, from the request's address and browser; a reload then has nothing left to ask", { timeout: 60_000 }, async () => {
    const { caller } = await newKey();
    const { byName, resume, token, userId } = await linkThroughPage(caller, ["checking", "credit_card"]);
    request.headers = new Headers(BROWSER);

    // The box must be ticked; the field is named and nothing is stored.
    const unticked = await authorizeHostedPaymentsAction(IDLE, form({ resume, accountId: byName.Checking! }));
    expect(unticked).toMatchObject({ status: "error", field: "accept" });
    // An account that cannot be debited says why.
    const card = await authorizeHostedPaymentsAction(IDLE, form({ resume, accountId: byName["Credit Card"]!, accept: "yes" }));
    expect(card).toEqual({ status: "error", message: "Only checking and savings accounts can be used for payments." });
    expect(await prisma.paymentAuthorization.count({ where: { linkedAccount: { userId } } })).toBe(0);

    // The reload before accepting: the step again, under the same resume value.
    const reloaded = await loadHostedLink(token);
    expect(reloaded).toMatchObject({ kind: "used", status: "succeeded", payments: { resume, accounts: [{ id: byName.Checking, state: null }, { eligible: false }] } });
    expect(await loadResume(resume)).toMatchObject({ kind: "finished", payments: { resume } });

    const done = await authorizeHostedPaymentsAction(IDLE, form({ resume, accountId: byName.Checking!, accept: "yes" }));
    expect(done).toEqual({ status: "done", message: "Ready for payments." });
    const stored = await prisma.paymentAuthorization.findFirstOrThrow({ where: { linkedAccountId: byName.Checking! } });
    expect(stored).toMatchObject({ state: "active", source: "hosted_link", acceptedIp: "198.51.100.23", acceptedUserAgent: "Mozilla/5.0 (iPhone; hosted)" });
    expect(stored.stripePaymentMethodId).toMatch(/^pm_/);
    // Pressed again (a double tap): the same authorization.
    expect(await authorizeHostedPaymentsAction(IDLE, form({ resume, accountId: byName.Checking!, accept: "yes" }))).toEqual({ status: "done", message: "Ready for payments." });
    expect(await prisma.paymentAuthorization.count({ where: { linkedAccountId: byName.Checking! } })).toBe(1);

    // Nothing left to ask: the page goes back as it would have without the step.
    const after = await loadHostedLink(token);
    expect(after).toMatchObject({ kind: "used", status: "succeeded" });
    expect(after).not.toHaveProperty("payments");
  });

  it("is refused without this attempt's resume value, for an account this link session did not link, and on a link for data", { timeout: 60_000 }, async () => {
    const { caller, admin } = await newKey();
    const mine = await linkThroughPage(caller, ["checking"]);
    const another = await linkThroughPage(caller, ["savings"]);
    request.headers = new Headers(BROWSER);

    for (const resume of ["", "forged", `${mine.resume}x`]) {
      const refused = await authorizeHostedPaymentsAction(IDLE, form({ resume, accountId: mine.byName.Checking!, accept: "yes" }));
      expect(refused, resume).toEqual({ status: "error", message: "This page can no longer set up payments. Go back to the app and start again." });
    }
    // Another attempt's account (another person of the same integration), or one the person linked elsewhere: not found.
    const crossed = await authorizeHostedPaymentsAction(IDLE, form({ resume: mine.resume, accountId: another.byName.Savings!, accept: "yes" }));
    expect(crossed).toEqual({ status: "error", message: "Account not found" });
    const ownElsewhere = await prisma.linkedAccount.create({
      data: { userId: mine.userId, stripeAccountId: `fca_${randomUUID()}`, mode: "test", institutionName: "Own Bank", category: "cash", subcategory: "checking", status: "active", stripeCreatedAt: new Date(), permissions: ["payment_method"], supportedPaymentMethodTypes: ["us_bank_account"] },
    });
    expect(await authorizeHostedPaymentsAction(IDLE, form({ resume: mine.resume, accountId: ownElsewhere.id, accept: "yes" }))).toEqual({ status: "error", message: "Account not found" });

    const data = await linkThroughPage(caller, ["checking"], "data");
    expect(await authorizeHostedPaymentsAction(IDLE, form({ resume: data.resume, accountId: data.byName.Checking!, accept: "yes" }))).toEqual({
      status: "error",
      message: "This link does not ask to set up payments.",
    });

    // The app revoked its key: the link's step is gone and its action refused.
    await keys.revokeApiKey(admin, caller.id);
    expect(await authorizeHostedPaymentsAction(IDLE, form({ resume: another.resume, accountId: another.byName.Savings!, accept: "yes" }))).toEqual({
      status: "error",
      message: "This link was cancelled by Acme Budget. Go back to the app.",
    });
    expect(await loadHostedLink(another.token)).not.toHaveProperty("payments");
    expect(await prisma.paymentAuthorization.count({ where: { linkedAccountId: { in: [mine.byName.Checking!, another.byName.Savings!, ownElsewhere.id, data.byName.Checking!] } } })).toBe(0);
  });
});
