// POST /api/v1/accounts/:id/refresh - ask the bank for fresh data; the result comes by webhook
import { parseInput } from "@/server/errors/parse-input";
import { refreshIntegrationAccount } from "@/server/integrations/account-actions";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";

export const POST = v1Route<{ id: string }>("refresh", async ({ key, params, body }) => {
  const { id } = parseInput(operations.refreshAccount.params, params);
  const { features } = parseInput(operations.refreshAccount.body, body);
  return { status: 202, body: await refreshIntegrationAccount(key.integrationId, id, features) };
});
