// DELETE /api/v1/users/:external_id - disconnect a user's accounts at Stripe and erase their data
import { parseInput } from "@/server/errors/parse-input";
import { eraseIntegrationUser } from "@/server/integrations/account-actions";
import { operations } from "@/server/integrations/api/operations";
import { v1Route } from "@/server/integrations/api/v1-route";

export const DELETE = v1Route<{ external_id: string }>("delete", async ({ key, params }) => {
  const { external_id } = parseInput(operations.deleteUser.params, params);
  return { body: await eraseIntegrationUser(key.integrationId, external_id) };
});
