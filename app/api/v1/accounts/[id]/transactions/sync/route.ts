// GET /api/v1/accounts/:id/transactions/sync - transaction changes since the integrator's cursor
import { parseInput } from "@/server/errors/parse-input";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";
import { getIntegrationAccount } from "@/server/integrations/integration-accounts";
import { syncAccountTransactions } from "@/server/integrations/transactions-sync";

export const GET = v1Route<{ id: string }>("read", async ({ key, params, query }) => {
  const { id } = parseInput(operations.syncTransactions.params, params);
  const page = parseInput(operations.syncTransactions.query, Object.fromEntries(query));
  const account = await getIntegrationAccount(key.integrationId, id);
  return { body: await syncAccountTransactions(account.id, page) };
});
