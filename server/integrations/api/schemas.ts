import "server-only";
import { z } from "zod";
import { PERMISSIONS } from "@/server/hosted-link/permissions";
import { REFRESH_FEATURES } from "@/server/accounts/refresh-account";
import type { HolderProfileInput } from "@/server/ownership/holder-profile";
import { API_ERROR_TYPES } from "./api-errors";

// The integrator API's objects, each registered under the name the OpenAPI document gives it
// (components/schemas). Request schemas validate what callers send; response schemas type what
// the serializers build and are what tests validate every answer against.

export const apiSchemas = z.registry<{ id: string }>();

/** What a hosted link is for: linking alone, or linking and authorizing debits (pay by bank). */
export const LINK_PURPOSES = ["data", "payments"] as const;
export type LinkPurposeName = (typeof LINK_PURPOSES)[number];
const purposeField = z.enum(LINK_PURPOSES).describe("data: the person links accounts; payments: they are also asked to authorize debits from them");

// Any string in TypeScript; published (and checked in tests) as RFC 3339 date-time, UTC.
const timestamp = z.string().meta({ format: "date-time" });
const id = (what: string) => z.string().describe(`Id of the ${what}`);

// ---------------------------------------------------------------- responses

export const ApiError = z
  .strictObject({
    error: z.strictObject({
      type: z.enum(API_ERROR_TYPES),
      code: z.string().describe("Machine-readable reason, e.g. parameter_missing, resource_missing, insufficient_scope"),
      message: z.string().describe("Human-readable, safe to log; may change"),
      param: z.string().optional().describe("The request parameter at fault"),
    }),
  })
  .register(apiSchemas, { id: "Error" });

const Refresh = z
  .strictObject({
    status: z.enum(["pending", "succeeded", "failed"]),
    last_attempted_at: timestamp.nullable(),
    next_refresh_available_at: timestamp.nullable().describe("Before this time a refresh of this feature is refused with 429"),
  })
  .nullable()
  .describe("A feature's newest refresh; null when it was never refreshed")
  .register(apiSchemas, { id: "Refresh" });

const Balance = z
  .strictObject({
    as_of: timestamp,
    currency: z.string().describe("ISO currency code, lower case"),
    type: z.string().describe("cash or credit"),
    current: z.number().int().describe("Integer minor units (cents)"),
    available: z.number().int().nullable().describe("Cash accounts: integer minor units; null when the bank gives none"),
    credit_used: z.number().int().nullable().describe("Credit accounts: integer minor units"),
  })
  .register(apiSchemas, { id: "Balance" });

const Owner = z
  .strictObject({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() })
  .register(apiSchemas, { id: "Owner" });

export const OWNERSHIP_VERDICTS = ["confirmed", "partial", "unconfirmed", "no_data"] as const;
export const OWNERSHIP_FIELD_RESULTS = ["match", "partial", "no_match", "no_data"] as const;

const OwnershipFieldMatch = z
  .strictObject({
    result: z.enum(OWNERSHIP_FIELD_RESULTS).describe("no_data when the owner or your holder lacks the field"),
    reason: z.string().describe("Why, in words; may change"),
  })
  .register(apiSchemas, { id: "OwnershipFieldMatch" });

const OwnershipMatch = z
  .strictObject({
    verdict: z.enum(OWNERSHIP_VERDICTS).describe("How well the bank's owners match the holder you sent with the link (POST /link_tokens holder)"),
    score: z.number().int().min(0).max(100),
    fields: z.strictObject({ name: OwnershipFieldMatch, email: OwnershipFieldMatch, phone: OwnershipFieldMatch, address: OwnershipFieldMatch }),
    reasons: z.array(z.string()).describe("The reasons behind the verdict, most important first"),
    computed_at: timestamp,
  })
  .nullable()
  .describe("The account's owners compared with the holder; null until the bank's ownership data arrived")
  .register(apiSchemas, { id: "OwnershipMatch" });

export const PAYMENT_METHOD_STATES = ["pending", "active", "failed", "inactive", "revoked"] as const;

const unixSeconds = z.number().int().describe("Unix time in seconds, as Stripe's mandate records it (customer_acceptance.accepted_at)");

const AccountPaymentMethod = z
  .strictObject({
    status: z
      .enum(PAYMENT_METHOD_STATES)
      .describe("active: ready to debit; pending: Stripe is setting it up; failed: the bank refused the setup; inactive: the mandate or the account stopped; revoked: the person revoked it"),
    payment_method: z.string().nullable().describe("The us_bank_account PaymentMethod (pm_…) to charge; null when the setup never made one"),
    mandate: z.string().nullable().describe("The mandate (mandate_…) the person accepted"),
    mandate_status: z.string().nullable().describe("Stripe's mandate status: active, pending or inactive"),
    accepted_at: unixSeconds,
  })
  .nullable()
  .describe("The person's newest debit authorization for this account (pay by bank); null when they never gave one. Read it ready to charge with POST /accounts/{id}/payment_method")
  .register(apiSchemas, { id: "AccountPaymentMethod" });

export const Account = z
  .strictObject({
    id: id("account"),
    object: z.literal("account"),
    user: z.strictObject({ external_id: z.string() }),
    link_session_id: z.string().nullable(),
    institution_name: z.string(),
    display_name: z.string().nullable(),
    last4: z.string().nullable(),
    category: z.string().describe("cash, credit, investment or other"),
    subcategory: z.string(),
    status: z.enum(["active", "inactive", "disconnected"]),
    permissions: z.array(z.string()),
    supported_payment_method_types: z.array(z.string()),
    balance: Balance.nullable(),
    ownership: z.strictObject({ owners: z.array(Owner), refreshed_at: timestamp.nullable() }).nullable(),
    ownership_match: OwnershipMatch,
    refreshes: z.strictObject({ balance: Refresh, ownership: Refresh, transactions: Refresh }),
    payment_method: AccountPaymentMethod,
    expected_deactivation_at: timestamp.nullable().describe("When the bank is expected to cut access; relink before"),
    created_at: timestamp,
    disconnected_at: timestamp.nullable(),
  })
  .register(apiSchemas, { id: "Account" });

export const PaymentMethod = z
  .strictObject({
    object: z.literal("payment_method"),
    account: z.string().describe("The account's id"),
    status: z.enum(["active", "pending"]).describe("active: charge it now; pending: Stripe is still setting it up, wait for account.payment_method_ready"),
    payment_method: z.string().nullable().describe("The us_bank_account PaymentMethod (pm_…) on Linkwell's Stripe account, attached to customer; null only while pending"),
    mandate: z.string().nullable().describe("The mandate (mandate_…) to pass with off-session PaymentIntents; null only while pending"),
    mandate_status: z.string().nullable().describe("Stripe's mandate status: active, or pending while the bank confirms"),
    customer: z.string().describe("The Stripe Customer (cus_…) the PaymentMethod is attached to"),
    accepted_at: unixSeconds.describe("When the person accepted the debit authorization: Unix time in seconds"),
  })
  .register(apiSchemas, { id: "PaymentMethod" });

export const AccountList = z
  .strictObject({ object: z.literal("list"), data: z.array(Account), has_more: z.boolean(), url: z.string() })
  .register(apiSchemas, { id: "AccountList" });

export const Transaction = z
  .strictObject({
    id: id("transaction"),
    object: z.literal("transaction"),
    account: z.string(),
    amount: z.number().int().describe("Integer minor units; negative is money out"),
    currency: z.string(),
    description: z.string(),
    status: z.enum(["pending", "posted"]),
    transacted_at: timestamp,
    posted_at: timestamp.nullable(),
    updated_at: timestamp,
  })
  .register(apiSchemas, { id: "Transaction" });

export const TransactionsSync = z
  .strictObject({
    object: z.literal("transactions_sync"),
    added: z.array(Transaction).describe("Transactions new since the cursor"),
    modified: z.array(Transaction).describe("Transactions sent before whose fields changed (a pending one that posted)"),
    removed: z.array(z.strictObject({ id: z.string(), object: z.literal("transaction") })).describe("Transactions sent before that the bank voided: delete them"),
    next_cursor: z.string().describe("Pass as `cursor` next time; store it with the transactions of this page"),
    has_more: z.boolean().describe("More changes wait: call again at once with next_cursor"),
  })
  .register(apiSchemas, { id: "TransactionsSync" });

export const BalanceHistory = z
  .strictObject({
    object: z.literal("balance_history"),
    account_id: z.string(),
    currency: z.string().nullable().describe("ISO currency code, lower case; null when the account never had a balance"),
    data: z
      .array(
        z.strictObject({
          date: z.string().meta({ format: "date" }).describe("A UTC day, YYYY-MM-DD"),
          current: z.number().int().nullable().describe("Integer minor units; null after the newest balance the bank reported"),
          available: z.number().int().nullable().describe("Integer minor units; null on derived days and when the bank gives none"),
          source: z.enum(["snapshot", "derived"]).describe("snapshot: the newest balance the bank reported that day; derived: rebuilt from transactions back from the next reported balance"),
        }),
      )
      .describe("One entry per day, oldest first, ending today"),
  })
  .register(apiSchemas, { id: "BalanceHistory" });

export const LinkToken = z
  .strictObject({
    object: z.literal("link_token"),
    url: z.string().describe("Open this in the webview; single use"),
    expires_at: timestamp,
    link_session_id: z.string().describe("Read the outcome with GET /link_sessions/{id}"),
    purpose: purposeField,
  })
  .register(apiSchemas, { id: "LinkToken" });

export const LinkSession = z
  .strictObject({
    id: z.string(),
    object: z.literal("link_session"),
    status: z.enum(["pending", "succeeded", "cancelled", "failed", "expired"]),
    error: z.string().nullable(),
    opened: z.boolean(),
    state: z.string().nullable(),
    redirect_uri: z.string(),
    permissions: z.array(z.string()),
    purpose: purposeField,
    user: z.strictObject({ external_id: z.string().nullable(), email: z.string().nullable() }),
    created_at: timestamp,
    expires_at: timestamp,
    completed_at: timestamp.nullable(),
    accounts: z.array(
      z.strictObject({
        id: z.string(),
        institution_name: z.string(),
        display_name: z.string().nullable(),
        last4: z.string().nullable(),
        category: z.string(),
        subcategory: z.string(),
        status: z.string(),
        permissions: z.array(z.string()),
        supported_payment_method_types: z.array(z.string()),
      }),
    ),
  })
  .register(apiSchemas, { id: "LinkSession" });

export const DeletedUser = z
  .strictObject({
    object: z.literal("user"),
    external_id: z.string(),
    deleted: z.literal(true),
    accounts_disconnected: z.number().int().describe("Accounts disconnected at Stripe by this call"),
  })
  .register(apiSchemas, { id: "DeletedUser" });

// ---------------------------------------------------------------- requests

const pathId = (what: string, source: string) => z.string().min(1, "is required").max(200, `is not a valid ${what} id`).describe(`The ${what}'s id, as ${source} gave it`);
export const AccountPath = z.strictObject({ id: pathId("account", "an account list, a link session or a webhook") });
export const LinkSessionPath = z.strictObject({ id: pathId("link session", "POST /link_tokens") });
export const UserPath = z.strictObject({
  external_id: z.string().min(1, "is required").max(255, "must be at most 255 characters").describe("Your id for the person, as you sent it when minting their link"),
});

const limit = (max: number, fallback: number) =>
  z.coerce
    .number({ error: `must be a whole number from 1 to ${max}` })
    .int(`must be a whole number from 1 to ${max}`)
    .min(1, `must be a whole number from 1 to ${max}`)
    .max(max, `must be a whole number from 1 to ${max}`)
    .default(fallback);

export const ListAccountsQuery = z.strictObject({
  limit: limit(100, 10).describe("Accounts per page, 1 to 100"),
  starting_after: z.string().max(200).optional().describe("An account id from the previous page: the page starts after it"),
});

export const TransactionsSyncQuery = z.strictObject({
  cursor: z.string().max(200).optional().describe("next_cursor of the previous call; leave out the first time"),
  count: limit(500, 100).describe("Changes per page, 1 to 500"),
});

export const BalanceHistoryQuery = z.strictObject({
  days: limit(365, 90).describe("Days of history, ending today (UTC): 1 to 365"),
});

// The account holder as an integrator knows them, for the ownership match. A field left out keeps
// what an earlier link stored; null clears it.
const holderText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullable().optional();
const Holder = z
  .strictObject(
    {
      name: holderText(200).describe("Full name, as the bank would have it"),
      email: z.email({ error: "must be an email address" }).max(254, "must be at most 254 characters").nullable().optional().describe("Email address"),
      phone: z
        .string()
        .trim()
        .max(30, "must be at most 30 characters")
        .regex(/^\+?[\d\s().-]*$/, "must be a phone number like +1 415 555 0100")
        .refine((v) => v === "" || v.replace(/\D/g, "").length >= 7, "must have at least 7 digits")
        .nullable()
        .optional()
        .describe("Phone number, with its country code if outside the US"),
      address: z
        .strictObject(
          {
            line1: holderText(200),
            line2: holderText(200),
            city: holderText(100),
            state: holderText(100),
            postal_code: holderText(20),
            country: z
              .string()
              .trim()
              .regex(/^([A-Za-z]{2})?$/, "must be a two-letter country code like US")
              .transform((v) => v.toUpperCase())
              .nullable()
              .optional()
              .describe("Two-letter ISO country code, e.g. US"),
          },
          { error: "must be an object: {line1, line2, city, state, postal_code, country}" },
        )
        .optional(),
    },
    { error: "must be an object: {name, email, phone, address}" },
  )
  .transform(
    (h): HolderProfileInput => ({
      name: h.name,
      email: h.email?.toLowerCase() ?? h.email,
      phone: h.phone,
      addressLine1: h.address?.line1,
      addressLine2: h.address?.line2,
      city: h.address?.city,
      state: h.address?.state,
      postalCode: h.address?.postal_code,
      country: h.address?.country,
    }),
  );

/** What every caller of link-token minting may send (signed-in users send these alone). */
export const linkTokenFields = {
  redirect_uri: z.string({ error: "is required" }).min(1, "is required").max(2000, "must be at most 2000 characters").describe("Where the browser goes back to: on the integration's allow-list, matched exactly"),
  state: z.string().max(1000, "must be at most 1000 characters").optional().describe("Your opaque value, given back on the redirect and the link session"),
  permissions: z
    .array(z.enum(PERMISSIONS, { error: `each must be one of ${PERMISSIONS.join(", ")}` }))
    .min(1, "needs at least one permission")
    .optional()
    .describe("Narrows the data asked for; default: every permission the server offers"),
  purpose: z
    .enum(LINK_PURPOSES, { error: `must be one of ${LINK_PURPOSES.join(", ")}` })
    .default("data")
    .describe(
      "payments: after linking, the hosted page asks the person to authorize debits from each eligible account (pay by bank). Needs payment_method among the permissions (the default permissions include it); a list without it is refused",
    ),
};

export const LinkTokenBody = z.strictObject({
    ...linkTokenFields,
    user: z.strictObject(
      {
        external_id: z.string({ error: "is required" }).trim().min(1, "is required").max(255, "must be at most 255 characters").describe("Your id for the person"),
        email: z.email({ error: "must be an email address" }).max(320).transform((e) => e.toLowerCase()),
      },
      { error: "is required: {external_id, email} of the person who will link" },
    ),
    holder: Holder.optional().describe("What you know of the account holder; each account they link has its owners compared with it (ownership_match). Optional; sent again, it replaces the fields given"),
  });

export const RefreshBody = z.strictObject({
    features: z
      .array(z.enum(REFRESH_FEATURES, { error: `each must be one of ${REFRESH_FEATURES.join(", ")}` }), { error: "is required: a list of features to refresh" })
      .min(1, "needs at least one feature")
      .transform((features) => [...new Set(features)]),
  });

export const EmptyBody = z.strictObject({});
