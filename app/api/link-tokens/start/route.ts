// POST /api/link-tokens/start - the hosted page's "Continue": uses the token, creates the Stripe session (no cookie needed)
import { NextResponse } from "next/server";
import { z } from "zod";
import { appOrigin } from "@/server/hosted-link/config";
import { startHostedLink } from "@/server/hosted-link/start-hosted-link";
import { parseInput } from "@/server/errors/parse-input";
import { readJson, withErrors } from "@/server/http/api-error";
import { admit } from "@/server/http/admission";

const input = z.strictObject({ token: z.string().min(1).max(200) });

export const POST = withErrors(async (request: Request) => {
  const { token } = parseInput(input, await readJson(request));
  const started = await admit("linking", () => startHostedLink(token, appOrigin(request)));
  return NextResponse.json(
    { link_session_id: started.linkSessionId, client_secret: started.clientSecret, resume: started.resume },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
