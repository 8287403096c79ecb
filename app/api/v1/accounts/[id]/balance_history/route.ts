// GET /api/v1/accounts/:id/balance_history - the account's balance per UTC day, from snapshots and transactions
import { parseInput } from "@/server/errors/parse-input";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";
import { getIntegrationBalanceHistory } from "@/server/integrations/integration-accounts";

export const GET = v1Route<{ id: string }>("read", async ({ key, params, query }) => {
  const { id } = parseInput(operations.getBalanceHistory.params, params);
  const { days } = parseInput(operations.getBalanceHistory.query, Object.fromEntries(query));
  return { body: await getIntegrationBalanceHistory(key.integrationId, id, { days }) };
});
