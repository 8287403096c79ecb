// The integrator webhooks' event types, in one place: the server emits and validates them, the
// admin pages offer them per endpoint and the API reference (/docs/api) lists them. Browser-safe.

export const INTEGRATION_EVENT_TYPES = [
  "link_session.succeeded",
  "link_session.cancelled",
  "link_session.failed",
  "account.linked",
  "account.balance_updated",
  "account.ownership_updated",
  "account.ownership_verdict_updated",
  "transactions.sync_available",
  "account.deactivated",
  "account.reactivated",
  "account.disconnected",
  "account.payment_method_ready",
  "account.payment_method_inactive",
  "user.deleted",
] as const;

export type IntegrationEventType = (typeof INTEGRATION_EVENT_TYPES)[number];

/** One line per type, as integrators read it: what happened and what to do about it. */
export const INTEGRATION_EVENT_DESCRIPTIONS: Record<IntegrationEventType, string> = {
  "link_session.succeeded": "A person linked at least one account through a link you minted. Read the link session.",
  "link_session.cancelled": "A person closed the linking flow without linking an account.",
  "link_session.failed": "A link ended in failure (a bank error, a revoked key, or opened and left until it ran out); data.error says why.",
  "account.linked": "An account was linked for the first time; sent once per account.",
  "account.balance_updated": "A new balance arrived. Read the account.",
  "account.ownership_updated": "New owner details arrived. Read the account.",
  "account.ownership_verdict_updated": "The ownership match changed its verdict (owners or the holder's details changed). Read the account's ownership_match.",
  "transactions.sync_available": "Transactions were added, changed or voided. Call transactions/sync with your cursor.",
  "account.deactivated": "The bank stopped sharing the account's data (status inactive); ask the person to link it again.",
  "account.reactivated": "An inactive account is active again.",
  "account.disconnected": "Access to the account ended for good. Its data stays readable.",
  "account.payment_method_ready": "The person authorized debits and the account is ready for payments. Read its payment_method.",
  "account.payment_method_inactive": "The account can no longer be debited (authorization revoked, mandate inactive, or the account stopped being shared). Stop charging it.",
  "user.deleted": "The user and everything stored about them were erased.",
};
