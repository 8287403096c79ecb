// POST /api/v1/link_tokens - an integration mints a single-use hosted link for one of its users
import { appOrigin } from "@/server/hosted-link/config";
import { mintLinkToken } from "@/server/hosted-link/mint-link-token";
import { v1Route } from "@/server/integrations/api/v1-route";

export const POST = v1Route("link", async ({ key, body, request }) => ({
  status: 201,
  body: { object: "link_token" as const, ...(await mintLinkToken({ kind: "api_key", apiKey: key }, body, appOrigin(request))) },
}));
