import type { LinkedAccountStatus, RefreshStatus } from "@/server/db/generated/prisma/client";
import type { IntegrationEventType } from "@/lib/integrations/webhook-event-types";

type Stored = { status: LinkedAccountStatus; balanceRefreshStatus: RefreshStatus | null };
type Changes = { status?: LinkedAccountStatus; balanceAsOf?: Date | null; balanceRefreshStatus?: RefreshStatus | null; balanceRefreshAttemptedAt?: Date | null };

/**
 * What an integration hears about one sync of an account: a balance refresh that finished (or a
 * new balance), new owners, new or changed transactions, and a status change. Empty when nothing
 * it cares about changed.
 */
export function accountEventsOf(before: Stored, changes: Changes, ownersWritten: boolean, transactionsWritten: boolean): IntegrationEventType[] {
  const events: IntegrationEventType[] = [];
  // A refresh can bring the same balance at the same second: it still finished, and said so.
  const refreshFinished = (changes.balanceRefreshStatus ?? before.balanceRefreshStatus) === "succeeded" && (changes.balanceRefreshStatus !== undefined || changes.balanceRefreshAttemptedAt !== undefined);
  if (changes.balanceAsOf || refreshFinished) events.push("account.balance_updated");
  if (ownersWritten) events.push("account.ownership_updated");
  if (transactionsWritten) events.push("transactions.sync_available");
  const after = changes.status;
  if (after && after !== before.status) {
    if (after === "inactive") events.push("account.deactivated");
    else if (after === "active") events.push("account.reactivated");
    else events.push("account.disconnected");
  }
  return events;
}
