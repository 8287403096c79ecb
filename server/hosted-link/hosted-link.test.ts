// Hosted linking: API keys, link tokens, the signed resume state and completion, and what an
// integrator meets after the first hour (users in its own namespace, reloads that resume,
// attempts that end, bank failures, revoked keys, per-key limits), against a real database and
// the Stripe emulator over HTTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { prisma } from "@/server/db/client";

import * as keys from "@/server/api-keys/manage-api-keys";
import * as auth from "@/server/auth/guards";
import { setEnvForTests } from "@/server/env";
import { DomainError } from "@/server/errors/domain-error";
import { parseInput } from "@/server/errors/parse-input";
import { httpFormOf } from "@/server/http/api-error";
import { completeLinkSession } from "@/server/linking/complete-link-session";
import * as complete from "./complete-hosted-link";
import * as config from "./config";
import * as expire from "./expire-abandoned-attempts";
import * as status from "./get-link-session-for-key";
import * as load from "./load-hosted-link";
import * as mint from "./mint-link-token";
import { INTEGRATOR_RECEIVES } from "./permissions";
import * as redirect from "./redirect-uri";
import * as resumePage from "./resume-hosted-link";
import * as resumeState from "./resume-state";
import * as secrets from "./secrets";
import * as start from "./start-hosted-link";

let emulator: RunningEmulator;

const ORIGIN = "http://localhost:3999";

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 20 });
  setEnvForTests({
    STRIPE_SECRET_KEY: "sk_test_hosted",
    STRIPE_API_BASE: emulator.url,
    LINK_SESSIONS_PER_MINUTE: "100",
    LINK_REDIRECT_URIS: "linkwell://linked, https://app.example.com/linked",
    // Some keys below call back to this machine (an unreachable port): the development opt-in.
    CALLBACKS_ALLOW_LOOPBACK: "true",
  });
});

afterAll(async () => {
  await emulator.close();
});

async function newAdmin() {
  return prisma.user.create({ data: { email: `admin-${randomUUID()}@example.com`, role: "admin" } });
}

async function newKey(extra: { mints_per_minute?: number; webhook_url?: string } = {}) {
  const admin = await newAdmin();
  const created = await keys.createApiKey(admin, { name: "Acme Budget", redirect_uris: ["myapp://linked", "https://app.example.com/linked"], ...extra });
  const caller = await auth.apiKeyFromRequest(new Request(ORIGIN, { headers: { authorization: `Bearer ${created.secret}` } }));
  return { admin, created, caller: caller! };
}

function tokenOf(url: string): string {
  return url.slice(`${ORIGIN}/link/`.length);
}

async function mintFor(caller: import("@/server/auth/guards").ApiKeyCaller, extra: Record<string, unknown> = {}) {
  return mint.mintLinkToken(
    { kind: "api_key", apiKey: caller },
    { redirect_uri: "myapp://linked", state: "s-123", user: { external_id: `ext-${randomUUID()}`, email: `${randomUUID()}@example.com` }, ...extra },
    ORIGIN,
  );
}

/** A mint for the person the integrator names (or a new one). */
function mintAs(caller: import("@/server/auth/guards").ApiKeyCaller, user = { external_id: `ext-${randomUUID()}`, email: `${randomUUID()}@example.com` }) {
  return mint.mintLinkToken({ kind: "api_key", apiKey: caller }, { redirect_uri: "myapp://linked", state: "st", user }, ORIGIN);
}

async function pickInModal(linkSessionId: string, accounts: string[]) {
  const { stripeSessionId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
  const response = await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${stripeSessionId}/complete`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ institution: "test_institution", accounts }),
  });
  expect(response.status).toBe(200);
}

describe("redirect URIs", () => {
  it("accepts custom schemes, https and loopback http", () => {
    for (const uri of ["myapp://linked", "com.example.app:/linked", "https://app.example.com/linked", "http://localhost:8080/cb", "http://127.0.0.1/cb"]) {
      expect(redirect.checkRedirectUri(uri), uri).toEqual({ ok: true, uri });
    }
  });

  it("refuses schemes that run code, plain http, credentials, queries and fragments", () => {
    for (const uri of [
      "javascript:alert(1)",
      "JavaScript://%0aalert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "file:///etc/passwd",
      "http://evil.example.com/cb",
      "https://user:pass@app.example.com/linked",
      "https://app.example.com/linked?next=https://evil.example.com",
      "https://app.example.com/linked#x",
      "//evil.example.com",
      "/relative",
      "myapp:",
      "myapp://",
      " myapp://linked",
      "https://app.example.com\\@evil.example.com",
      "x".repeat(2001),
    ]) {
      expect(redirect.checkRedirectUri(uri).ok, uri).toBe(false);
    }
  });

  it("matches the allow-list exactly", () => {
    const list = ["myapp://linked", "https://app.example.com/linked"];
    expect(redirect.isAllowedRedirectUri("myapp://linked", list)).toBe(true);
    for (const uri of ["myapp://linked/", "MYAPP://linked", "myapp://linked/../evil", "https://app.example.com/linked/evil", "https://app.example.com.evil.com/linked", "https://app.example.com/Linked"]) {
      expect(redirect.isAllowedRedirectUri(uri, list), uri).toBe(false);
    }
  });

  it("builds the outcome query, escaping the state", () => {
    expect(redirect.outcomeRedirectUrl("myapp://linked", { status: "succeeded", linkSessionId: "ls1", state: "a&b=c #d" })).toBe(
      "myapp://linked?status=succeeded&link_session_id=ls1&state=a%26b%3Dc+%23d",
    );
    expect(redirect.outcomeRedirectUrl("myapp://linked", { status: "failed", linkSessionId: "ls1", state: null, error: "link_expired" })).toBe(
      "myapp://linked?status=failed&link_session_id=ls1&error=link_expired",
    );
  });
});

describe("signed resume state", () => {
  const state = { tokenId: "tok1", linkSessionId: "ls1", expiresAt: new Date(Date.now() + 60_000) };

  it("round-trips and is deterministic", () => {
    const signed = resumeState.signResumeState(state);
    expect(resumeState.signResumeState(state)).toBe(signed);
    expect(resumeState.verifyResumeState(signed)).toEqual({ ...state, expiresAt: new Date(Math.floor(state.expiresAt.getTime() / 1000) * 1000) });
  });

  it("refuses tampering, forgery and expiry", () => {
    const signed = resumeState.signResumeState(state);
    const [body, signature] = signed.split(".") as [string, string];
    const otherBody = Buffer.from(JSON.stringify({ v: 1, t: "tok1", s: "someone-elses", e: 9999999999 })).toString("base64url");
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    for (const bad of [`${otherBody}.${signature}`, `${body}.${flipped}`, `${body}.`, body, `${signed}.x`, "", "a.b", "%%.%%"]) {
      expect(resumeState.verifyResumeState(bad), bad).toBeNull();
    }
    expect(resumeState.verifyResumeState(signed, new Date(state.expiresAt.getTime() + 1000))).toBeNull();
  });
});

describe("API keys", () => {
  it("stores only the hash, audits creation and revocation, and stops a revoked key", async () => {
    const { admin, created, caller } = await newKey();
    expect(created.secret).toMatch(/^lwk_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretHash).toBe(secrets.hashSecret(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(created.secret.startsWith(row.prefix)).toBe(true);
    expect(caller.id).toBe(created.id);

    await keys.revokeApiKey(admin, created.id, "leaked");
    expect((await keys.revokeApiKey(admin, created.id)).changed).toBe(false);
    const audit = await prisma.auditLog.findMany({ where: { targetId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["api_key.create", "api_key.revoke"]);
    expect(JSON.stringify(audit)).not.toContain(created.secret);
    await expect(auth.apiKeyFromRequest(new Request(ORIGIN, { headers: { authorization: `Bearer ${created.secret}` } }))).rejects.toMatchObject({ kind: "unauthenticated" });
  });

  it("answers null without a header and 401 for malformed or unknown keys", async () => {
    expect(await auth.apiKeyFromRequest(new Request(ORIGIN))).toBeNull();
    for (const header of ["Basic abc", "Bearer", "Bearer nope", `Bearer lwk_${"x".repeat(43)}`]) {
      await expect(auth.apiKeyFromRequest(new Request(ORIGIN, { headers: { authorization: header } })), header).rejects.toMatchObject({ kind: "unauthenticated" });
    }
  });

  it("refuses unsafe redirect URIs in the allow-list, and non-admins", async () => {
    const admin = await newAdmin();
    expect(() => parseInput(keys.createApiKeyInput, { name: "x", redirect_uris: ["javascript:alert(1)"] })).toThrow(/redirect_uris/);
    expect(() => parseInput(keys.createApiKeyInput, { name: "x", redirect_uris: [] })).toThrow(/redirect_uris/);
    await expect(keys.createApiKey({ ...admin, role: "user" }, { name: "x", redirect_uris: ["myapp://x"] })).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("minting link tokens", () => {
  it("creates the user once per external id, stores only the token's hash, expires in 15 minutes", async () => {
    const { caller } = await newKey();
    const externalId = `ext-${randomUUID()}`;
    const email = `Person-${randomUUID()}@Example.com`;
    const before = Date.now();
    const a = await mint.mintLinkToken({ kind: "api_key", apiKey: caller }, { redirect_uri: "myapp://linked", user: { external_id: externalId, email } }, ORIGIN);
    const b = await mint.mintLinkToken({ kind: "api_key", apiKey: caller }, { redirect_uri: "myapp://linked", user: { external_id: externalId, email } }, ORIGIN);
    expect(a.url).toMatch(new RegExp(`^${ORIGIN}/link/[A-Za-z0-9_-]{43}$`));
    expect(a.link_session_id).not.toBe(b.link_session_id);
    const expires = new Date(a.expires_at).getTime() - before;
    expect(expires).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(expires).toBeLessThanOrEqual(15 * 60_000 + 5000);
    const rows = await prisma.linkToken.findMany({ where: { linkSessionId: { in: [a.link_session_id, b.link_session_id] } } });
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(1);
    expect(rows.map((r) => r.tokenHash)).toContain(secrets.hashSecret(tokenOf(a.url)));
    expect(JSON.stringify(rows)).not.toContain(tokenOf(a.url));
    // The integrator's user is its own: the email is kept on the mapping, not as a sign-in identity.
    const user = await prisma.user.findUniqueOrThrow({ where: { id: rows[0]!.userId }, include: { externalIds: true } });
    expect(user.email).toBeNull();
    expect(user.externalIds.map((m) => [m.externalId, m.email])).toEqual([[externalId, email.toLowerCase()]]);
  });

  it("refuses a redirect URI that is not on the key's allow-list, and unsafe ones", async () => {
    const { caller } = await newKey();
    for (const uri of ["otherapp://linked", "myapp://linked/", "javascript:alert(1)", "https://evil.example.com/linked", "myapp://linked?x=1"]) {
      await expect(mintFor(caller, { redirect_uri: uri }), uri).rejects.toMatchObject({ kind: "invalid_input", field: "redirect_uri" });
    }
  });

  it("narrows permissions but never widens them; admins cannot be acted for", async () => {
    const { caller } = await newKey();
    const minted = await mintFor(caller, { permissions: ["balances"] });
    expect((await prisma.linkToken.findUniqueOrThrow({ where: { linkSessionId: minted.link_session_id } })).permissions).toEqual(["balances"]);
    await expect(mintFor(caller, { permissions: ["telepathy"] })).rejects.toMatchObject({ kind: "invalid_input" });
    const admin = await newAdmin();
    await expect(mintFor(caller, { user: { external_id: "boss", email: admin.email } })).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("a signed-in user mints for themself only, within LINK_REDIRECT_URIS", async () => {
    const me = await prisma.user.create({ data: { email: `${randomUUID()}@example.com` } });
    const other = await prisma.user.create({ data: { email: `${randomUUID()}@example.com` } });
    const caller = { kind: "user" as const, userId: me.id };
    const minted = await mint.mintLinkToken(caller, { redirect_uri: "linkwell://linked", state: "x" }, ORIGIN);
    const row = await prisma.linkToken.findUniqueOrThrow({ where: { linkSessionId: minted.link_session_id } });
    expect(row).toMatchObject({ userId: me.id, apiKeyId: null, state: "x" });
    for (const body of [
      { redirect_uri: "linkwell://linked", user: { external_id: "x", email: other.email } },
      { redirect_uri: "linkwell://linked", user_id: other.id },
      { redirect_uri: "linkwell://linked", email: other.email },
      { redirect_uri: "linkwell://linked", surprise: true },
    ]) {
      await expect(mint.mintLinkToken(caller, body, ORIGIN)).rejects.toMatchObject({ kind: "invalid_input" });
    }
    await expect(mint.mintLinkToken(caller, { redirect_uri: "myapp://linked" }, ORIGIN)).rejects.toMatchObject({ kind: "invalid_input", field: "redirect_uri" });
    expect(await prisma.linkToken.count({ where: { userId: other.id } })).toBe(0);
  });
});

describe("the hosted flow", () => {
  it("starts once, links from Stripe, and sends the browser back to the allow-listed URI", async () => {
    const { caller } = await newKey();
    const minted = await mintFor(caller);
    const token = tokenOf(minted.url);
    expect(await load.loadHostedLink(token)).toMatchObject({ kind: "ready", appName: "Acme Budget" });

    // Two taps at once: one Stripe session; the other tap gets it too, or "being opened" while it starts.
    const results = await Promise.allSettled([start.startHostedLink(token, ORIGIN), start.startHostedLink(token, ORIGIN)]);
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ kind: "conflict" });
    const started = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof start.startHostedLink>>>).value;
    for (const r of ok) expect((r as typeof ok[0] & { value: unknown }).value).toEqual(started);
    expect(await prisma.linkSession.count({ where: { id: minted.link_session_id } })).toBe(1);
    expect(started.linkSessionId).toBe(minted.link_session_id);
    expect(started.clientSecret).toMatch(/^fcsess_/);

    const session = await prisma.linkSession.findUniqueOrThrow({ where: { id: minted.link_session_id } });
    const stripeSession = await fetch(`${emulator.url}/v1/financial_connections/sessions/${session.stripeSessionId}`, {
      headers: { authorization: "Bearer sk_test_hosted" },
    }).then((r) => r.json() as Promise<{ return_url: string }>);
    expect(stripeSession.return_url).toBe(`${ORIGIN}/link/resume/${started.resume}`);

    expect(await load.loadHostedLink(token)).toMatchObject({ kind: "resume", clientSecret: started.clientSecret });
    expect(await resumePage.loadResume(started.resume)).toMatchObject({ kind: "pending", clientSecret: started.clientSecret });
    expect(await status.getLinkSessionForKey(caller, minted.link_session_id)).toMatchObject({ status: "pending", opened: true, accounts: [] });

    await pickInModal(minted.link_session_id, ["checking", "savings"]);
    const done = await complete.completeHostedLink(started.resume);
    expect(done).toEqual({
      status: "succeeded",
      linked: 2,
      redirect_url: `myapp://linked?status=succeeded&link_session_id=${minted.link_session_id}&state=s-123`,
    });
    expect(await complete.completeHostedLink(started.resume)).toEqual(done);
    expect(await resumePage.loadResume(started.resume)).toMatchObject({ kind: "finished", returnUrl: done.redirect_url });

    const seen = await status.getLinkSessionForKey(caller, minted.link_session_id);
    expect(seen).toMatchObject({ status: "succeeded", state: "s-123", user: { external_id: expect.stringMatching(/^ext-/) } });
    expect(seen.accounts.map((a) => a.display_name).sort()).toEqual(["Checking", "Savings"]);
    expect(JSON.stringify(seen)).not.toMatch(/fca_|fcsess_|fcaowns_/);
    expect(Object.keys(seen.accounts[0]!).filter((k) => /balance|owner|number|stripe/.test(k))).toEqual([]);

    const { caller: otherKey } = await newKey();
    await expect(status.getLinkSessionForKey(otherKey, minted.link_session_id)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("refuses forged resume states and expired or unknown tokens", async () => {
    const { caller } = await newKey();
    const a = await mintFor(caller);
    const b = await mintFor(caller);
    const startedA = await start.startHostedLink(tokenOf(a.url), ORIGIN);
    const tokenB = await prisma.linkToken.findUniqueOrThrow({ where: { linkSessionId: b.link_session_id } });
    // Bound to the token and session: A's token with B's session is refused even when signed.
    const crossed = resumeState.signResumeState({ tokenId: tokenB.id, linkSessionId: a.link_session_id, expiresAt: new Date(Date.now() + 60_000) });
    const [body] = startedA.resume.split(".");
    for (const forged of [crossed, `${body}.AAAA`, "garbage"]) {
      await expect(complete.completeHostedLink(forged)).rejects.toMatchObject({ kind: "forbidden" });
      expect(await resumePage.loadResume(forged)).toEqual({ kind: "invalid" });
    }

    await prisma.linkToken.update({ where: { id: tokenB.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await load.loadHostedLink(tokenOf(b.url))).toMatchObject({
      kind: "expired",
      returnUrl: `myapp://linked?status=expired&link_session_id=${b.link_session_id}&state=s-123&error=link_expired`,
    });
    await expect(start.startHostedLink(tokenOf(b.url), ORIGIN)).rejects.toMatchObject({ kind: "gone" });
    expect(await status.getLinkSessionForKey(caller, b.link_session_id)).toMatchObject({ status: "expired", error: "link_expired", opened: false });

    const unknown = secrets.randomSecret();
    expect(await load.loadHostedLink(unknown)).toEqual({ kind: "unknown" });
    expect(await load.loadHostedLink("../../etc")).toEqual({ kind: "unknown" });
    await expect(start.startHostedLink(unknown, ORIGIN)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("gives the token back when Stripe fails before a session exists", async () => {
    const { caller } = await newKey();
    const minted = await mintFor(caller);
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/v1/financial_connections/sessions", method: "POST", action: "500", count: 3 }),
    });
    // Stripe's own error, for the route to turn into "try again" (any other error would be a bug here).
    await expect(start.startHostedLink(tokenOf(minted.url), ORIGIN)).rejects.toMatchObject({ type: "StripeAPIError", statusCode: 500 });
    expect((await prisma.linkToken.findUniqueOrThrow({ where: { linkSessionId: minted.link_session_id } })).usedAt).toBeNull();
    await fetch(`${emulator.url}/_emulator/faults`, { method: "DELETE" });
    expect((await start.startHostedLink(tokenOf(minted.url), ORIGIN)).linkSessionId).toBe(minted.link_session_id);
  });
});

async function userOf(linkSessionId: string): Promise<string> {
  return (await prisma.linkToken.findUniqueOrThrow({ where: { linkSessionId } })).userId;
}

describe("an integrator's users live in its own namespace", () => {
  it("never maps to a person who signs in themself, whatever email is given", async () => {
    const person = await prisma.user.create({ data: { email: `victim-${randomUUID()}@example.com` } });
    const { caller } = await newKey();
    const minted = await mintAs(caller, { external_id: "u1", email: person.email! });
    const userId = await userOf(minted.link_session_id);
    expect(userId).not.toBe(person.id);
    // The namespaced user has no email of its own: nobody can sign in as it.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).email).toBeNull();
    expect(await status.getLinkSessionForKey(caller, minted.link_session_id)).toMatchObject({ user: { external_id: "u1", email: person.email } });
  });

  it("keeps two integrators' users apart even with the same external id and email", async () => {
    const email = `shared-${randomUUID()}@example.com`;
    const a = await newKey();
    const b = await newKey();
    const fromA = await mintAs(a.caller, { external_id: "same", email });
    const fromB = await mintAs(b.caller, { external_id: "same", email });
    const againA = await mintAs(a.caller, { external_id: "same", email });
    expect(await userOf(fromA.link_session_id)).not.toBe(await userOf(fromB.link_session_id));
    expect(await userOf(againA.link_session_id)).toBe(await userOf(fromA.link_session_id));
  });

  it("keys that share a namespace share its users", async () => {
    const a = await newKey();
    const b = await newKey();
    await prisma.apiKey.update({ where: { id: b.caller.id }, data: { integrationId: a.caller.integrationId } });
    const bCaller = (await auth.apiKeyFromRequest(new Request(ORIGIN, { headers: { authorization: `Bearer ${b.created.secret}` } })))!;
    const fromA = await mintAs(a.caller, { external_id: "shared-ns", email: "p@example.com" });
    const fromB = await mintAs(bCaller, { external_id: "shared-ns", email: "p@example.com" });
    expect(await userOf(fromB.link_session_id)).toBe(await userOf(fromA.link_session_id));
  });

  it("an existing mapping keeps working, and the admin exclusion is checked at every mint", async () => {
    const { caller } = await newKey();
    const legacy = await prisma.user.create({ data: { email: `legacy-${randomUUID()}@example.com` } });
    // A mapping as the migration leaves one made before namespaces: its key's id as namespace, which became its integration's id.
    await prisma.externalUser.create({ data: { apiKeyId: caller.id, namespace: caller.integrationId, externalId: "old", userId: legacy.id } });
    const minted = await mintAs(caller, { external_id: "old", email: legacy.email! });
    expect(await userOf(minted.link_session_id)).toBe(legacy.id);
    await prisma.user.update({ where: { id: legacy.id }, data: { role: "admin" } });
    await expect(mintAs(caller, { external_id: "old", email: legacy.email! })).rejects.toMatchObject({ kind: "forbidden", field: "user" });
  });

  it("a new email for the same external id updates it (and the answer is 201 as before)", async () => {
    const { caller } = await newKey();
    const first = await mintAs(caller, { external_id: "mover", email: "old@example.com" });
    const second = await mintAs(caller, { external_id: "mover", email: "New@Example.com" });
    expect(await userOf(second.link_session_id)).toBe(await userOf(first.link_session_id));
    expect(await status.getLinkSessionForKey(caller, first.link_session_id)).toMatchObject({ user: { external_id: "mover", email: "new@example.com" } });
  });
});

describe("the per-key mint limit", () => {
  it("is a setting of the key, shown in the list, and answered with 429 and Retry-After", async () => {
    const { caller } = await newKey({ mints_per_minute: 2 });
    expect(caller.mintsPerMinute).toBe(2);
    expect((await keys.listApiKeys()).find((k) => k.id === caller.id)?.mintsPerMinute).toBe(2);
    await mintAs(caller);
    await mintAs(caller);
    const refused = await mintAs(caller).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "rate_limited" });
    expect(httpFormOf(refused as DomainError)).toMatchObject({ status: 429, headers: { "Retry-After": expect.stringMatching(/^\d+$/) } });
    const { caller: defaulted } = await newKey();
    expect(defaulted.mintsPerMinute).toBe(60);
  });
});

describe("one attempt per link, from reload to its end", () => {
  it("a reload resumes the same Stripe session, and Continue again gives the same one", async () => {
    const { caller } = await newKey();
    const minted = await mintAs(caller);
    const started = await start.startHostedLink(tokenOf(minted.url), ORIGIN);
    expect(await load.loadHostedLink(tokenOf(minted.url))).toMatchObject({ kind: "resume", clientSecret: started.clientSecret, resume: started.resume });
    expect(await start.startHostedLink(tokenOf(minted.url), ORIGIN)).toEqual(started);
    expect(await status.getLinkSessionForKey(caller, minted.link_session_id)).toMatchObject({ status: "pending", error: null });
  });

  it("an abandoned attempt ends as expired after its lifetime: callback sent, rate-limit point given back", async () => {
    const { caller } = await newKey({ webhook_url: "http://127.0.0.1:9/unreachable" });
    const minted = await mintAs(caller);
    const token = tokenOf(minted.url);
    const started = await start.startHostedLink(token, ORIGIN);
    const userId = await userOf(minted.link_session_id);
    const points = async () =>
      (await prisma.rateLimit.findUnique({ where: { key: `link-session:${userId}` } }))?.points ?? 0;
    expect(await points()).toBe(1);

    // Not yet: the attempt may run until the token's expiry plus the resume grace.
    expect(await expire.expireAbandonedAttempts()).not.toContain(minted.link_session_id);
    const row = await prisma.linkToken.findUniqueOrThrow({ where: { linkSessionId: minted.link_session_id } });
    const past = new Date(row.expiresAt.getTime() + config.RESUME_GRACE_MS + 1000);
    expect(await expire.expireAbandonedAttempts(past)).toContain(minted.link_session_id);
    expect(await expire.expireAbandonedAttempts(past)).not.toContain(minted.link_session_id);

    expect(await prisma.linkSession.findUniqueOrThrow({ where: { id: minted.link_session_id } })).toMatchObject({ status: "expired", errorCode: "session_expired" });
    expect(await status.getLinkSessionForKey(caller, minted.link_session_id)).toMatchObject({ status: "expired", error: "session_expired" });
    const callback = await prisma.integratorCallback.findUniqueOrThrow({ where: { linkSessionId: minted.link_session_id } });
    expect(JSON.parse(callback.body)).toMatchObject({ status: "expired", error: "session_expired", link_session_id: minted.link_session_id });
    expect(await points()).toBe(0);
    expect(await load.loadHostedLink(token)).toMatchObject({
      kind: "used",
      returnUrl: `myapp://linked?status=expired&link_session_id=${minted.link_session_id}&state=st&error=session_expired`,
    });
    await expect(complete.completeHostedLink(started.resume, {}, past)).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("a bank failure reported by Stripe.js ends as failed with its code; accounts Stripe has win", async () => {
    const { caller } = await newKey({ webhook_url: "http://127.0.0.1:9/unreachable" });
    const minted = await mintAs(caller);
    const started = await start.startHostedLink(tokenOf(minted.url), ORIGIN);
    const done = await complete.completeHostedLink(started.resume, { error_code: "institution_unavailable" });
    expect(done).toMatchObject({
      status: "failed",
      redirect_url: `myapp://linked?status=failed&link_session_id=${minted.link_session_id}&state=st&error=institution_unavailable`,
    });
    // Repeated (a retried request, another button): the same answer, never cancelled.
    expect(await complete.completeHostedLink(started.resume, {})).toEqual(done);
    expect(await status.getLinkSessionForKey(caller, minted.link_session_id)).toMatchObject({ status: "failed", error: "institution_unavailable" });
    const callback = await prisma.integratorCallback.findUniqueOrThrow({ where: { linkSessionId: minted.link_session_id } });
    expect(JSON.parse(callback.body)).toMatchObject({ status: "failed", error: "institution_unavailable" });
    await expect(complete.completeHostedLink(started.resume, { error_code: "made_up" })).rejects.toMatchObject({ kind: "invalid_input" });

    // An error the person got past (another bank, accounts linked): Stripe's accounts decide.
    const other = await mintAs(caller);
    const otherStarted = await start.startHostedLink(tokenOf(other.url), ORIGIN);
    await pickInModal(other.link_session_id, ["checking"]);
    expect(await complete.completeHostedLink(otherStarted.resume, { error_code: "institution_unavailable" })).toMatchObject({ status: "succeeded", linked: 1 });
  });

  it("an attempt that ended without the page (a webhook, reconcile) still gets its callback", async () => {
    const { caller } = await newKey({ webhook_url: "http://127.0.0.1:9/unreachable" });
    const minted = await mintAs(caller);
    await start.startHostedLink(tokenOf(minted.url), ORIGIN);
    await pickInModal(minted.link_session_id, ["checking"]);
    await completeLinkSession(await userOf(minted.link_session_id), minted.link_session_id); // as the account.created webhook does
    expect(await expire.queueMissedCallbacks()).not.toContain(minted.link_session_id); // the page may still do it
    const later = new Date(Date.now() + 61_000);
    expect(await expire.queueMissedCallbacks(later)).toContain(minted.link_session_id);
    expect(await expire.queueMissedCallbacks(later)).not.toContain(minted.link_session_id);
    const callback = await prisma.integratorCallback.findUniqueOrThrow({ where: { linkSessionId: minted.link_session_id } });
    expect(JSON.parse(callback.body)).toMatchObject({ status: "succeeded", error: null });
  });

  it("a revoked key's open links offer the way back with link_revoked", async () => {
    const { admin, caller } = await newKey();
    const unopened = await mintAs(caller);
    const opened = await mintAs(caller);
    const started = await start.startHostedLink(tokenOf(opened.url), ORIGIN);
    await keys.revokeApiKey(admin, caller.id);
    expect(await load.loadHostedLink(tokenOf(unopened.url))).toEqual({
      kind: "revoked",
      appName: "Acme Budget",
      returnUrl: `myapp://linked?status=failed&link_session_id=${unopened.link_session_id}&state=st&error=link_revoked`,
    });
    expect(await load.loadHostedLink(tokenOf(opened.url))).toMatchObject({ kind: "revoked", returnUrl: expect.stringContaining("error=link_revoked") });
    expect(await resumePage.loadResume(started.resume)).toMatchObject({ kind: "finished", returnUrl: expect.stringContaining("status=failed") });
    expect(await prisma.linkSession.findUniqueOrThrow({ where: { id: opened.link_session_id } })).toMatchObject({ status: "failed", errorCode: "link_revoked" });
    expect(await complete.completeHostedLink(started.resume, {})).toMatchObject({ status: "failed", redirect_url: expect.stringContaining("error=link_revoked") });
  });
});

describe("what the page and the errors say", () => {
  it("the linking page lists exactly the account fields the integrator's API returns", async () => {
    const { caller } = await newKey();
    const minted = await mintAs(caller);
    const started = await start.startHostedLink(tokenOf(minted.url), ORIGIN);
    await pickInModal(minted.link_session_id, ["checking"]);
    await complete.completeHostedLink(started.resume);
    const [account] = (await status.getLinkSessionForKey(caller, minted.link_session_id)).accounts;
    expect(INTEGRATOR_RECEIVES.flatMap((line) => line.fields).sort()).toEqual(Object.keys(account!).sort());
  });

  it("an invalid redirect URI list names every bad line, counted from 1", async () => {
    const admin = await newAdmin();
    await expect(keys.createApiKey(admin, { name: "x", redirect_uris: ["myapp://ok", "javascript:alert(1)", "", "otherapp:"] })).rejects.toMatchObject({
      kind: "invalid_input",
      field: "redirect_uris",
      message: expect.stringMatching(/^redirect_uris: line 2: javascript:alert\(1\) .+; line 4: otherapp: .+$/),
    });
    const created = await keys.createApiKey(admin, { name: "x", redirect_uris: ["myapp://ok", "", "  myapp://two  "] });
    expect(created.redirectUris).toEqual(["myapp://ok", "myapp://two"]);
  });

  it("a request without any key is told about the key, in an API caller's words", async () => {
    expect(auth.missingApiKey()).toMatchObject({ kind: "unauthenticated", challenge: "bearer", message: "Missing API key: send it as Authorization: Bearer lwk_…" });
  });
});
