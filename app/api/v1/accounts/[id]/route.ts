// GET /api/v1/accounts/:id - one of the integration's accounts: balance, owners, refresh states
import { parseInput } from "@/server/errors/parse-input";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";
import { getIntegrationAccount, publicAccount } from "@/server/integrations/integration-accounts";

export const GET = v1Route<{ id: string }>("read", async ({ key, params }) => {
  const { id } = parseInput(operations.getAccount.params, params);
  return { body: publicAccount(await getIntegrationAccount(key.integrationId, id)) };
});
