// The resume value in Stripe's return_url (/link/resume/<value>) opens a page that hands out the
// Financial Connections Session's live client secret: it must stop working soon after the
// longest OAuth round trip a person needs, not hours later.
import { describe, expect, it } from "vitest";
import { LINK_TOKEN_TTL_MS } from "./config";
import { verifyResumeState } from "./resume-state";
import { resumeStateFor } from "./start-hosted-link";

const MINUTE = 60_000;

describe("the resume value's lifetime", () => {
  const mintedAt = new Date("2026-03-01T12:00:00Z");
  const token = { id: "tok_1", linkSessionId: "ls_1", expiresAt: new Date(mintedAt.getTime() + LINK_TOKEN_TTL_MS) };
  const resume = resumeStateFor(token);

  it("works for a bank login started just before the link expired", () => {
    expect(verifyResumeState(resume, new Date(token.expiresAt.getTime() + 25 * MINUTE))).not.toBeNull();
  });

  it("is refused 30 minutes after the link's own expiry, at most 45 minutes after minting", () => {
    expect(verifyResumeState(resume, new Date(token.expiresAt.getTime() + 30 * MINUTE))).toBeNull();
    expect(verifyResumeState(resume, new Date(mintedAt.getTime() + 45 * MINUTE))).toBeNull();
  });
});
