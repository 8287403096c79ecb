// "Email me a sign-in link" is limited per email address (default 5 per 15 minutes) and per client
// address (default 30), in the database, with the same answers whether or not the address is used.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { PEER_ADDRESS_HEADER } from "@/server/security/peer-address";
import { limitSignInEmail, normalizeEmail } from "./sign-in-email-limit";

function ask(email: string, peer: string, path = "/api/auth/signin/email") {
  return limitSignInEmail(
    new Request(`http://localhost:3000${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", [PEER_ADDRESS_HEADER]: peer },
      body: new URLSearchParams({ email, csrfToken: "x", callbackUrl: "/accounts", json: "true" }).toString(),
    }),
  );
}

async function statuses(email: string, peer: string, times: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < times; i++) seen.push((await ask(email, peer))?.status ?? 200);
  return seen;
}

describe("sign-in email limit", () => {
  it("allows 5 links per address, then answers 429 with Retry-After and a url next-auth's client reads", async () => {
    const email = `limit-${randomUUID()}@example.com`;
    expect(await statuses(email, "192.0.2.10", 5)).toEqual([200, 200, 200, 200, 200]);
    // The same address written differently, from another client, is the same address.
    const refused = await ask(`  ${email.toUpperCase()} `, "192.0.2.11");
    expect(refused?.status).toBe(429);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused!.json()) as { url: string; error: { message: string } };
    expect(new URL(body.url).searchParams.get("error")).toBe("RateLimited");
    expect(body.error.message).toMatch(/Too many requests/);
  });

  it("answers alike for an address that has an account and one that has none", async () => {
    const known = `known-${randomUUID()}@example.com`;
    await prisma.user.create({ data: { email: known } });
    const unknown = `unknown-${randomUUID()}@example.com`;
    const forKnown = await statuses(known, "192.0.2.20", 6);
    const forUnknown = await statuses(unknown, "192.0.2.21", 6);
    expect(forKnown).toEqual(forUnknown);
    expect(forKnown.at(-1)).toBe(429);
  });

  it("allows 30 links per client address across addresses, by the socket's address", async () => {
    const peer = "192.0.2.30";
    const seen: number[] = [];
    for (let i = 0; i < 31; i++) seen.push((await ask(`many-${i}-${randomUUID()}@example.com`, peer))?.status ?? 200);
    expect(seen.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(seen[30]).toBe(429);
    expect((await ask(`other-${randomUUID()}@example.com`, "192.0.2.31"))).toBeNull();
  });

  it("refuses a NUL in the address with 400, and leaves other next-auth requests alone", async () => {
    expect((await ask("a\u0000@example.com", "192.0.2.40"))?.status).toBe(400);
    expect(await ask("a@example.com", "192.0.2.40", "/api/auth/signin/github")).toBeNull();
  });

  it("normalises addresses as next-auth does", () => {
    expect(normalizeEmail(" Ann@Example.COM ")).toBe("ann@example.com");
    expect(normalizeEmail("ann@example.com,evil.example")).toBe("ann@example.com");
    expect(normalizeEmail("no-at-sign")).toBeNull();
  });
});
