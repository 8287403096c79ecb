// POST /api/link-tokens - mint a single-use hosted link: an integrator (API key) for a person it names, or a signed-in user for themself
import { NextResponse } from "next/server";
import { apiKeyFromRequest, assertScope, missingApiKey } from "@/server/auth/guards";
import { getCurrentUser } from "@/server/auth/guards";
import { appOrigin } from "@/server/hosted-link/config";
import { mintLinkToken, type LinkTokenCaller } from "@/server/hosted-link/mint-link-token";
import { readJson, withErrors } from "@/server/http/api-error";

export const POST = withErrors(async (request: Request) => {
  const apiKey = await apiKeyFromRequest(request);
  let caller: LinkTokenCaller;
  if (apiKey) {
    assertScope(apiKey, "link");
    caller = { kind: "api_key", apiKey };
  }
  else {
    // Neither a key nor a session: almost always a backend that forgot its key, so say that.
    const user = await getCurrentUser();
    if (!user) throw missingApiKey();
    caller = { kind: "user", userId: user.id };
  }
  const minted = await mintLinkToken(caller, await readJson(request), appOrigin(request));
  return NextResponse.json(minted, { status: 201, headers: { "Cache-Control": "no-store" } });
});
