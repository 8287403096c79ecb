// POST /api/link-tokens/complete - the hosted page's modal closed: store the accounts, answer where to send the browser
import { NextResponse } from "next/server";
import { z } from "zod";
import { completeHostedLink } from "@/server/hosted-link/complete-hosted-link";
import { parseInput } from "@/server/errors/parse-input";
import { readJson, withErrors } from "@/server/http/api-error";
import { admit } from "@/server/http/admission";

// Authorized by the signed resume value, not by a cookie (a webview has none). error_code is
// the last bank error Stripe.js reported on the page (checked against Stripe's list there).
const input = z.strictObject({ resume: z.string().min(1).max(1000), error_code: z.string().max(100).optional() });

export const POST = withErrors(async (request: Request) => {
  const { resume, ...report } = parseInput(input, await readJson(request));
  const completed = await admit("linking", () => completeHostedLink(resume, report));
  return NextResponse.json(completed, { headers: { "Cache-Control": "no-store" } });
});
