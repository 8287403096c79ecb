// What the emulator stores. Records hold the state; the API objects are built from them in
// resources/objects.ts so that the wire shape lives in one place.

export type Livemode = boolean;

export interface AccountHolderRec {
  type: "customer" | "account";
  customer?: string;
  account?: string;
}

export interface CustomerRec {
  id: string;
  seq: number;
  livemode: Livemode;
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  address: Record<string, string | null> | null;
  deleted: boolean;
}

/** Where a user is in the modal for a session; kept server-side so an OAuth redirect can resume. */
export interface FlowRec {
  institution: string | null;
  /** none: nothing to do; needs_login / needs_mfa / ...: waiting for the user; ready: may pick accounts. */
  step: "start" | "needs_login" | "needs_mfa" | "needs_security_question" | "needs_option" | "needs_oauth" | "ready" | "failed";
  oauth_attempt: string | null;
  error: string | null;
  /** With a `failed` step: the code Stripe.js reports in its `error` event (institution_unavailable, …). */
  error_code?: string | null;
}

/** What a user picks in the modal, for links made without one (test helper, auto-complete). */
export interface LinkChoice {
  /** Institution id from data/institutions.ts. */
  institution: string;
  /** Template keys of that institution; empty: its first account. */
  accounts: string[];
  /** Link this many accounts, cycling through the chosen ones (default: one of each). */
  count?: number;
  /**
   * Load tests: each session links bank accounts no other such session linked, at the next
   * linkable institution in turn, each account with its own last4 (`institution` and the keys
   * are then ignored; `count`, else the number of keys, says how many).
   */
  distinct?: boolean;
}

export interface SessionRec {
  id: string;
  seq: number;
  livemode: Livemode;
  created: number;
  client_secret: string;
  account_holder: AccountHolderRec;
  permissions: string[];
  prefetch: string[];
  filters: { countries: string[] | null; account_subcategories: string[] | null; require_payment_method_support?: string };
  limits: { accounts: number };
  manual_entry: { mode: string };
  return_url: string | null;
  account_ids: string[];
  bank_account_token: Record<string, unknown> | null;
  completed: boolean;
  flow: FlowRec;
  /** Set when the session was created with auto-complete on: it links these at its first retrieve. */
  auto_complete?: LinkChoice | null;
}

export interface RefreshRec {
  id?: string;
  status: "pending" | "succeeded" | "failed";
  last_attempted_at: number;
  next_refresh_available_at: number | null;
}

export type Feature = "balance" | "ownership" | "transactions";

export interface BalanceRec {
  as_of: number;
  /** The account's currency (absent in state saved before currencies: usd). */
  currency?: string;
  type: "cash" | "credit";
  current: number;
  /** cash: available; credit: used */
  other: number;
}

export interface AccountRec {
  id: string;
  seq: number;
  livemode: Livemode;
  created: number;
  session: string;
  account_holder: AccountHolderRec;
  institution_id: string;
  institution_name: string;
  template: string;
  display_name: string;
  last4: string;
  category: string;
  subcategory: string;
  /** ISO currency of the balance and transactions (absent in state saved before currencies: usd). */
  currency?: string;
  supported_payment_method_types: string[];
  permissions: string[];
  status: "active" | "inactive" | "disconnected";
  upcoming_deactivation: { action: string; cause: string; expected_deactivation_date: number } | null;
  subscriptions: string[];
  balance: BalanceRec | null;
  balance_refresh: RefreshRec | null;
  ownership_refresh: RefreshRec | null;
  transaction_refresh: RefreshRec | null;
  ownership: string | null;
  /** How many refreshes of each feature have succeeded: seeds the generated data. */
  refresh_counts: Record<Feature, number>;
  /** Test helper: features whose next refresh fails. */
  fail_next_refresh: Feature[];
  /** Ordered ids of transaction refreshes that produced data, for `transaction_refresh[after]`. */
  transaction_refresh_ids: string[];
  /** Test helper: the next SetupIntent confirmed with this account fails with this error code. */
  fail_next_setup?: string | null;
}

export interface OwnerRec {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  raw_address: string | null;
  refreshed_at: number | null;
}

export interface OwnershipRec {
  id: string;
  created: number;
  account: string;
  owners: OwnerRec[];
}

export interface TransactionRec {
  id: string;
  seq: number;
  account: string;
  livemode: Livemode;
  amount: number;
  currency: string;
  description: string;
  status: "pending" | "posted" | "void";
  posted_at: number | null;
  void_at: number | null;
  transacted_at: number;
  transaction_refresh: string;
  updated: number;
}

export interface EventRec {
  id: string;
  seq: number;
  livemode: Livemode;
  created: number;
  type: string;
  api_version: string;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  request: { id: string | null; idempotency_key: string | null };
}

export interface DeliveryAttempt {
  at: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface DeliveryRec {
  id: string;
  event: string;
  url: string;
  status: "pending" | "succeeded" | "failed";
  attempts: DeliveryAttempt[];
  next_attempt_at: number | null;
}

export interface BillingDetailsRec {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: Record<string, string | null> | null;
}

/** A `us_bank_account` PaymentMethod: the only kind the emulator makes, always from an FC account. */
export interface PaymentMethodRec {
  id: string;
  seq: number;
  livemode: Livemode;
  created: number;
  customer: string | null;
  /** Stripe never lets a detached PaymentMethod be used or attached again. */
  detached: boolean;
  billing_details: BillingDetailsRec;
  metadata: Record<string, string>;
  allow_redisplay: "always" | "limited" | "unspecified";
  us_bank_account: {
    account_holder_type: "company" | "individual";
    account_type: "checking" | "savings";
    bank_name: string;
    financial_connections_account: string;
    fingerprint: string;
    last4: string;
    routing_number: string;
  };
}

export interface CustomerAcceptanceRec {
  type: "online" | "offline";
  accepted_at: number;
  online: { ip_address: string; user_agent: string } | null;
}

export interface MandateRec {
  id: string;
  seq: number;
  livemode: Livemode;
  created: number;
  payment_method: string;
  status: "active" | "inactive" | "pending";
  customer_acceptance: CustomerAcceptanceRec;
}

export type SetupIntentStatus = "requires_payment_method" | "requires_confirmation" | "requires_action" | "processing" | "canceled" | "succeeded";

export interface SetupIntentRec {
  id: string;
  seq: number;
  livemode: Livemode;
  created: number;
  client_secret: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  usage: "off_session" | "on_session";
  flow_directions: ("inbound" | "outbound")[] | null;
  /** The types this SetupIntent can set up: given, or computed from the options below. */
  payment_method_types: string[];
  allowed_payment_method_types: string[] | null;
  excluded_payment_method_types: string[] | null;
  /** null when payment method types were given (exclusive at Stripe). */
  automatic_payment_methods: { enabled: boolean; allow_redirects: "always" | "never" } | null;
  /** `payment_method_options[us_bank_account]` as given (verification method, FC permissions…). */
  us_bank_account_options: { verification_method: string; permissions: string[]; prefetch: string[] } | null;
  payment_method: string | null;
  mandate: string | null;
  latest_attempt: string | null;
  status: SetupIntentStatus;
  cancellation_reason: "abandoned" | "duplicate" | "requested_by_customer" | null;
  /** The wire `last_setup_error` (an api_errors object), kept as sent. */
  last_setup_error: Record<string, unknown> | null;
}

/** One confirmation of a SetupIntent (`latest_attempt`). */
export interface SetupAttemptRec {
  id: string;
  seq: number;
  livemode: Livemode;
  created: number;
  setup_intent: string;
  payment_method: string;
  customer: string | null;
  usage: string;
  flow_directions: ("inbound" | "outbound")[] | null;
  status: "succeeded" | "failed";
  setup_error: Record<string, unknown> | null;
}

export interface StateData {
  seq: number;
  customers: Record<string, CustomerRec>;
  sessions: Record<string, SessionRec>;
  accounts: Record<string, AccountRec>;
  ownerships: Record<string, OwnershipRec>;
  transactions: Record<string, TransactionRec[]>;
  setup_intents: Record<string, SetupIntentRec>;
  setup_attempts: Record<string, SetupAttemptRec>;
  payment_methods: Record<string, PaymentMethodRec>;
  mandates: Record<string, MandateRec>;
  events: EventRec[];
  deliveries: DeliveryRec[];
}

export function emptyState(): StateData {
  return {
    seq: 0,
    customers: {},
    sessions: {},
    accounts: {},
    ownerships: {},
    transactions: {},
    setup_intents: {},
    setup_attempts: {},
    payment_methods: {},
    mandates: {},
    events: [],
    deliveries: [],
  };
}
