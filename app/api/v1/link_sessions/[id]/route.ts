// GET /api/v1/link_sessions/:id - the outcome of a link the integration minted
import { parseInput } from "@/server/errors/parse-input";
import { getLinkSessionForKey } from "@/server/hosted-link/get-link-session-for-key";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";

export const GET = v1Route<{ id: string }>("read", async ({ key, params }) => {
  const { id } = parseInput(operations.getLinkSession.params, params);
  return { body: await getLinkSessionForKey(key, id) };
});
