// POST /api/link-tokens - mint a single-use hosted link: an integrator (API key) for a person it names, or a signed-in user for themself
import { NextResponse } from "next/server";
import { apiKeyFromRequest } from "@/lib/api-keys/authenticate-api-key";
import { requireApiUser } from "@/lib/auth/require-api-user";
import { appOrigin } from "@/lib/hosted-link/config";
import { mintLinkToken, type LinkTokenCaller } from "@/lib/hosted-link/mint-link-token";
import { readJson, withErrors } from "@/lib/http/api-error";

export const POST = withErrors(async (request: Request) => {
  const apiKey = await apiKeyFromRequest(request);
  const caller: LinkTokenCaller = apiKey ? { kind: "api_key", apiKey } : { kind: "user", userId: (await requireApiUser()).id };
  const minted = await mintLinkToken(caller, await readJson(request), appOrigin(request));
  return NextResponse.json(minted, { status: 201, headers: { "Cache-Control": "no-store" } });
});
