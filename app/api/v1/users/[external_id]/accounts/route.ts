// GET /api/v1/users/:external_id/accounts - one of the integration's users' accounts, a page at a time
import { parseInput } from "@/server/errors/parse-input";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";
import { listIntegrationUserAccounts } from "@/server/integrations/integration-accounts";

export const GET = v1Route<{ external_id: string }>("read", async ({ key, params, query, request }) => {
  const { external_id } = parseInput(operations.listUserAccounts.params, params);
  const page = parseInput(operations.listUserAccounts.query, Object.fromEntries(query));
  return { body: await listIntegrationUserAccounts(key.integrationId, external_id, page, new URL(request.url).pathname) };
});
