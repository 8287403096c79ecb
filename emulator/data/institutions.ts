// The institutions of Stripe's test mode, and what each one does in the modal.

export interface AccountTemplate {
  key: string;
  display_name: string;
  last4: string;
  category: "cash" | "credit" | "investment" | "other";
  subcategory: "checking" | "savings" | "mortgage" | "line_of_credit" | "credit_card" | "other";
  supported_payment_method_types: string[];
  /** ISO currency (lowercase) of the balance and transactions; usd when not given. */
  currency?: string;
  /**
   * Who the generated owners are, for the Ownership Accounts institution: Jenny Rosen (match, the
   * default), "Jennifer A. Rosen" (nickname), "Sam & Jenny Rosen" (joint), "J. Rosen" and a
   * relative (partial), someone else (mismatch), or nobody (none).
   */
  owners?: "match" | "nickname" | "joint" | "partial" | "mismatch" | "none";
}

export interface Institution {
  id: string;
  name: string;
  /** none: straight to the account picker; oauth: popup (or redirect with return_url); credentials: a login form. */
  auth: "none" | "oauth" | "credentials";
  /** How the institution is down, if it is. */
  down?: "scheduled" | "unscheduled" | "error";
  description: string;
  accounts: AccountTemplate[];
}

const standardAccounts: AccountTemplate[] = [
  { key: "checking", display_name: "Checking", last4: "6789", category: "cash", subcategory: "checking", supported_payment_method_types: ["link", "us_bank_account"] },
  { key: "savings", display_name: "Savings", last4: "4321", category: "cash", subcategory: "savings", supported_payment_method_types: ["link", "us_bank_account"] },
  { key: "joint_checking", display_name: "Joint Checking", last4: "1357", category: "cash", subcategory: "checking", supported_payment_method_types: ["link", "us_bank_account"] },
  { key: "credit_card", display_name: "Credit Card", last4: "4242", category: "credit", subcategory: "credit_card", supported_payment_method_types: [] },
  { key: "line_of_credit", display_name: "Line of Credit", last4: "8642", category: "credit", subcategory: "line_of_credit", supported_payment_method_types: [] },
  { key: "mortgage", display_name: "Mortgage", last4: "9753", category: "credit", subcategory: "mortgage", supported_payment_method_types: [] },
];

export const INSTITUTIONS: readonly Institution[] = [
  { id: "test_institution", name: "Test Institution", auth: "none", description: "Accounts that link and refresh successfully.", accounts: standardAccounts },
  { id: "test_oauth_institution", name: "Test OAuth Institution", auth: "oauth", description: "The same accounts behind an OAuth popup, or a redirect through return_url.", accounts: standardAccounts },
  {
    id: "ownership_accounts",
    name: "Ownership Accounts",
    auth: "none",
    description: "Accounts whose owners match Jenny Rosen exactly, by nickname or jointly, partly match, are someone else, or are unknown.",
    accounts: [
      { key: "owner_match", display_name: "Matching Owner", last4: "1111", category: "cash", subcategory: "checking", supported_payment_method_types: ["link", "us_bank_account"], owners: "match" },
      { key: "owner_nickname", display_name: "Nickname Owner", last4: "5555", category: "cash", subcategory: "checking", supported_payment_method_types: ["link", "us_bank_account"], owners: "nickname" },
      { key: "owner_joint", display_name: "Joint Owners", last4: "6666", category: "cash", subcategory: "savings", supported_payment_method_types: ["link", "us_bank_account"], owners: "joint" },
      { key: "owner_partial", display_name: "Partial Owner Match", last4: "2222", category: "cash", subcategory: "checking", supported_payment_method_types: ["link", "us_bank_account"], owners: "partial" },
      { key: "owner_mismatch", display_name: "Other Owner", last4: "3333", category: "cash", subcategory: "savings", supported_payment_method_types: ["link", "us_bank_account"], owners: "mismatch" },
      { key: "owner_none", display_name: "Unknown Owner", last4: "4444", category: "cash", subcategory: "checking", supported_payment_method_types: ["link", "us_bank_account"], owners: "none" },
    ],
  },
  {
    id: "invalid_payment_accounts",
    name: "Invalid Payment Accounts",
    auth: "none",
    description: "Accounts that cannot be used for ACH payments.",
    accounts: [
      { key: "invalid_checking", display_name: "Invalid Checking", last4: "0002", category: "cash", subcategory: "checking", supported_payment_method_types: [] },
      { key: "invalid_savings", display_name: "Invalid Savings", last4: "0003", category: "cash", subcategory: "savings", supported_payment_method_types: [] },
      { key: "valid_checking", display_name: "Valid Checking", last4: "0004", category: "cash", subcategory: "checking", supported_payment_method_types: ["link", "us_bank_account"] },
    ],
  },
  { id: "down_bank_scheduled", name: "Down Bank (Scheduled)", auth: "none", down: "scheduled", description: "Under scheduled maintenance: cannot be selected.", accounts: [] },
  { id: "down_bank_unscheduled", name: "Down Bank (Unscheduled)", auth: "none", down: "unscheduled", description: "Unexpectedly unavailable: cannot be selected.", accounts: [] },
  { id: "down_bank_error", name: "Down Bank (Error)", auth: "credentials", down: "error", description: "Selectable, but connecting fails with an error.", accounts: [] },
  {
    id: "sandbox_bank_non_oauth",
    name: "Sandbox Bank (Non-OAuth)",
    auth: "credentials",
    description: "A login form: type mfa, confirm_mfa, security_question, options, error or incorrect as the username or password.",
    accounts: standardAccounts,
  },
  { id: "sandbox_bank_oauth", name: "Sandbox Bank (OAuth)", auth: "oauth", description: "An OAuth login like Test OAuth Institution.", accounts: standardAccounts },
  {
    id: "canadian_test_bank",
    name: "Canadian Test Bank",
    auth: "none",
    description: "Accounts held in Canadian dollars: balances and transactions in cad, not usd.",
    accounts: [
      { key: "cad_checking", display_name: "Chequing", last4: "2468", category: "cash", subcategory: "checking", supported_payment_method_types: ["link"], currency: "cad" },
      { key: "cad_credit_card", display_name: "Credit Card", last4: "1357", category: "credit", subcategory: "credit_card", supported_payment_method_types: [], currency: "cad" },
    ],
  },
];

export function findInstitution(id: string): Institution | undefined {
  return INSTITUTIONS.find((i) => i.id === id);
}

export function findTemplate(inst: Institution, key: string): AccountTemplate | undefined {
  return inst.accounts.find((a) => a.key === key);
}
