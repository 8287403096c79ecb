// POST /api/v1/accounts/:id/disconnect - stop access to one of the integration's accounts at Stripe
import { parseInput } from "@/server/errors/parse-input";
import { disconnectIntegrationAccount } from "@/server/integrations/account-actions";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";

export const POST = v1Route<{ id: string }>("delete", async ({ key, params, body }) => {
  const { id } = parseInput(operations.disconnectAccount.params, params);
  parseInput(operations.disconnectAccount.body, body);
  return { body: await disconnectIntegrationAccount(key.integrationId, id) };
});
