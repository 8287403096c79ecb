import "server-only";
import type { z } from "zod";
import type { ApiScope } from "./scopes";
import * as s from "./schemas";

/**
 * Every operation of /api/v1, once: the route handlers parse their input with these schemas,
 * the OpenAPI document (openapi.ts) and the reference page (/docs/api) are generated from them.
 */
export type Operation = {
  id: string;
  method: "get" | "post" | "delete";
  /** Relative to /api/v1, OpenAPI style: /accounts/{id}. */
  path: string;
  summary: string;
  description: string;
  scope: ApiScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** An example body for the docs' curl line. */
  example?: unknown;
  success: { status: number; description: string; schema: z.ZodType };
  /** Error statuses worth documenting besides the ones every call can get (400, 401, 403, 429, 500). */
  errors: number[];
};

export const operations = {
  createLinkToken: {
    id: "createLinkToken",
    method: "post",
    path: "/link_tokens",
    summary: "Mint a hosted link",
    description:
      "A single-use link (valid 15 minutes) the person opens in a webview to link bank accounts. The person is yours alone: named by your external_id, never merged with anyone else. Send what you know of them as holder, and each account they link says how well its owners match (ownership_match). With purpose \"payments\" the page then asks them to authorize debits from each eligible account (pay by bank): read the result with POST /accounts/{id}/payment_method.",
    scope: "link",
    body: s.LinkTokenBody,
    example: { redirect_uri: "myapp://linked", state: "opaque-123", user: { external_id: "user_42", email: "ada@example.com" }, holder: { name: "Ada Lovelace", address: { postal_code: "94103", country: "US" } } },
    success: { status: 201, description: "The link to open", schema: s.LinkToken },
    errors: [],
  },
  getLinkSession: {
    id: "getLinkSession",
    method: "get",
    path: "/link_sessions/{id}",
    summary: "Read a link's outcome",
    description: "Whether the person linked, cancelled or failed, and the accounts linked.",
    scope: "read",
    params: s.LinkSessionPath,
    success: { status: 200, description: "The link session", schema: s.LinkSession },
    errors: [404],
  },
  listUserAccounts: {
    id: "listUserAccounts",
    method: "get",
    path: "/users/{external_id}/accounts",
    summary: "List a user's accounts",
    description: "Newest first, a page at a time: pass the last id as starting_after while has_more is true.",
    scope: "read",
    params: s.UserPath,
    query: s.ListAccountsQuery,
    success: { status: 200, description: "A page of accounts", schema: s.AccountList },
    errors: [404],
  },
  getAccount: {
    id: "getAccount",
    method: "get",
    path: "/accounts/{id}",
    summary: "Read an account",
    description: "Institution, name, last four digits, status, balance with its time, owners and the state of each refresh.",
    scope: "read",
    params: s.AccountPath,
    success: { status: 200, description: "The account", schema: s.Account },
    errors: [404],
  },
  refreshAccount: {
    id: "refreshAccount",
    method: "post",
    path: "/accounts/{id}/refresh",
    summary: "Refresh an account's data",
    description: "Asks the bank for fresh data. Answers at once with each refresh pending; the result arrives by webhook (account.balance_updated, account.ownership_updated, transactions.sync_available) and on the account.",
    scope: "refresh",
    params: s.AccountPath,
    body: s.RefreshBody,
    example: { features: ["balance", "transactions"] },
    success: { status: 202, description: "The account with its refreshes pending", schema: s.Account },
    errors: [404, 409],
  },
  syncTransactions: {
    id: "syncTransactions",
    method: "get",
    path: "/accounts/{id}/transactions/sync",
    summary: "Sync transactions",
    description: "Changes since your cursor: added, modified and removed transactions. Keep next_cursor with your copy; call again while has_more is true.",
    scope: "read",
    params: s.AccountPath,
    query: s.TransactionsSyncQuery,
    success: { status: 200, description: "A page of changes", schema: s.TransactionsSync },
    errors: [404],
  },
  getBalanceHistory: {
    id: "getBalanceHistory",
    method: "get",
    path: "/accounts/{id}/balance_history",
    summary: "Read an account's balance history",
    description:
      "The balance for each UTC day, oldest first, ending today. On a day the bank reported a balance it is that day's newest report (snapshot); on other days it is derived from the transactions between the end of that day and the next reported balance, without available. Days after the newest report, and every day of an account that never had a balance, are null.",
    scope: "read",
    params: s.AccountPath,
    query: s.BalanceHistoryQuery,
    success: { status: 200, description: "One entry per day", schema: s.BalanceHistory },
    errors: [404],
  },
  disconnectAccount: {
    id: "disconnectAccount",
    method: "post",
    path: "/accounts/{id}/disconnect",
    summary: "Disconnect an account",
    description: "Stops all access at Stripe. The account and its history stay readable; again is a no-op.",
    scope: "delete",
    params: s.AccountPath,
    body: s.EmptyBody,
    success: { status: 200, description: "The disconnected account", schema: s.Account },
    errors: [404],
  },
  getPaymentMethod: {
    id: "getPaymentMethod",
    method: "post",
    path: "/accounts/{id}/payment_method",
    summary: "Get an account's payment method",
    description:
      "Pay by bank: the us_bank_account PaymentMethod (pm_…), its mandate and the Customer (cus_…) it is attached to, on Linkwell's Stripe account, once the person authorized debits from the account (on the hosted page of a link minted with purpose \"payments\"). An authorization Stripe had not confirmed yet is confirmed now, which is why this is a POST; it is safe to repeat. 409 authorization_required when the person never authorized debits (or the authorization ended: revoked, inactive, failed); 409 with account_disconnected, account_inactive, not_a_bank_account, no_account_numbers or not_supported when the account cannot be debited. account.payment_method_inactive says when to stop charging it.",
    scope: "link",
    params: s.AccountPath,
    body: s.EmptyBody,
    success: { status: 200, description: "The payment method, ready (active) or still being set up (pending)", schema: s.PaymentMethod },
    errors: [404, 409],
  },
  deleteUser: {
    id: "deleteUser",
    method: "delete",
    path: "/users/{external_id}",
    summary: "Delete a user",
    description: "Disconnects every account at Stripe and erases everything stored about the person. An audit entry without personal data remains.",
    scope: "delete",
    params: s.UserPath,
    success: { status: 200, description: "The user is gone", schema: s.DeletedUser },
    errors: [404, 409],
  },
} satisfies Record<string, Operation>;
