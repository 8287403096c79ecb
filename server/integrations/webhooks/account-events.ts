import type { LinkedAccountStatus } from "@/server/db/generated/prisma/client";
import type { IntegrationEventType } from "@/lib/integrations/webhook-event-types";

/**
 * What an integration hears about one sync of an account: a new balance (its as-of time moved),
 * new owners, new or changed transactions, and a status change. Empty when nothing it cares about changed.
 */
export function accountEventsOf(
  before: LinkedAccountStatus,
  changes: { status?: LinkedAccountStatus; balanceAsOf?: Date | null },
  ownersWritten: boolean,
  transactionsWritten: boolean,
): IntegrationEventType[] {
  const events: IntegrationEventType[] = [];
  if (changes.balanceAsOf) events.push("account.balance_updated");
  if (ownersWritten) events.push("account.ownership_updated");
  if (transactionsWritten) events.push("transactions.sync_available");
  const after = changes.status;
  if (after && after !== before) {
    if (after === "inactive") events.push("account.deactivated");
    else if (after === "active") events.push("account.reactivated");
    else events.push("account.disconnected");
  }
  return events;
}
