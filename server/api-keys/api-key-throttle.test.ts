// Guessing API keys: each client address gets API_KEY_FAILURES_PER_CLIENT failed attempts per
// 15 minutes (default 30), counted in the database, then 429 with Retry-After for any key.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { httpFormOf } from "@/server/http/api-error";
import { PEER_ADDRESS_HEADER } from "@/server/security/peer-address";
import { createApiKey } from "./manage-api-keys";
import { apiKeyFromRequest } from "@/server/auth/guards";

const LIMIT = 30;

function from(peer: string, authorization: string) {
  return apiKeyFromRequest(new Request("http://app.test/api/link-tokens", { headers: { authorization, [PEER_ADDRESS_HEADER]: peer } }));
}

/** The HTTP answer an API route would give for the authentication's outcome. */
async function statusOf(promise: Promise<unknown>): Promise<{ status: number; headers?: Record<string, string> }> {
  try {
    await promise;
    return { status: 200 };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return httpFormOf(error);
  }
}

describe("failed API-key authentications", () => {
  it("are limited per client address, then refused with 429 and Retry-After even for a good key", async () => {
    const admin = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.com`, role: "admin" } });
    const good = await createApiKey(admin, { name: "Acme", redirect_uris: ["myapp://linked"] });
    const attacker = "192.0.2.50";
    for (let i = 0; i < LIMIT; i++) {
      const guess = i % 2 ? `Bearer lwk_${randomUUID()}` : "Bearer not-a-key";
      expect((await statusOf(from(attacker, guess))).status, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await statusOf(from(attacker, `Bearer lwk_${randomUUID()}`));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers?.["Retry-After"])).toBeGreaterThan(0);
    expect(Number(refused.headers?.["Retry-After"])).toBeLessThanOrEqual(15 * 60);
    expect((await statusOf(from(attacker, `Bearer ${good.secret}`))).status).toBe(429);

    // Another address is not affected, and successes do not count.
    for (let i = 0; i < LIMIT + 5; i++) expect((await from("192.0.2.51", `Bearer ${good.secret}`))?.id).toBe(good.id);
  });

  it("are counted by the socket's address, not by an X-Forwarded-For the client writes", async () => {
    const peer = "192.0.2.60";
    for (let i = 0; i < LIMIT; i++) {
      const request = new Request("http://app.test/x", { headers: { authorization: "Bearer nope", [PEER_ADDRESS_HEADER]: peer, "x-forwarded-for": `10.0.${i}.1` } });
      await statusOf(apiKeyFromRequest(request));
    }
    expect((await statusOf(from(peer, "Bearer nope"))).status).toBe(429);
  });
});
