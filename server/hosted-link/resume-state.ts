import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { authSecret } from "@/server/env";

/**
 * What lets the hosted page carry on after the bank's OAuth page sends the browser back
 * through `return_url`, and what authorizes its completion call (there is no cookie): the link
 * token and link session it belongs to, and when it stops working, signed with HMAC-SHA256.
 * Only this server can make one; a changed byte or a late use is refused.
 */
export type ResumeState = { tokenId: string; linkSessionId: string; expiresAt: Date };

const payload = z.object({ v: z.literal(1), t: z.string().min(1).max(64), s: z.string().min(1).max(64), e: z.number().int().positive() });

function key(): Buffer {
  // A key of its own, derived from the app secret, so these signatures never double as next-auth's.
  return createHmac("sha256", authSecret()).update("linkwell:hosted-link:resume:v1").digest();
}

function sign(body: string): string {
  return createHmac("sha256", key()).update(body).digest("base64url");
}

/** `<payload>.<signature>`, both base64url; the same input always gives the same value. */
export function signResumeState(state: ResumeState): string {
  const body = Buffer.from(
    JSON.stringify({ v: 1, t: state.tokenId, s: state.linkSessionId, e: Math.floor(state.expiresAt.getTime() / 1000) }),
    "utf8",
  ).toString("base64url");
  return `${body}.${sign(body)}`;
}

/** The state, or null when it is malformed, forged, tampered with or expired. */
export function verifyResumeState(value: string, now = new Date()): ResumeState | null {
  if (value.length > 1000) return null;
  const [body, signature, ...rest] = value.split(".");
  if (!body || !signature || rest.length > 0) return null;
  const expected = Buffer.from(sign(body), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed: z.infer<typeof payload>;
  try {
    const result = payload.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  if (parsed.e * 1000 <= now.getTime()) return null;
  return { tokenId: parsed.t, linkSessionId: parsed.s, expiresAt: new Date(parsed.e * 1000) };
}
