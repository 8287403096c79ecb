// The emulator's objects against the installed stripe package's types: at compile time (tsc
// checks the assignments below) and at run time (field sets and enum values read from the .d.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Stripe from "stripe";
import { accountObject, customerObject, eventObject, ownerObject, sessionObject, transactionObject } from "./resources/objects.js";
import { mandateObject, paymentMethodObject, setupAttemptObject, setupIntentObject } from "./resources/payment-objects.js";
import { linkedAccounts, setUpBankAccount, startTestEmulator, waitFor, type TestEmulator } from "./test-support.js";

// ---- compile time: each builder's return type must be assignable to the SDK's type ----
type Assert<T extends true> = T;
type Satisfies<A, B> = [A] extends [B] ? true : false;
export type _Session = Assert<Satisfies<ReturnType<typeof sessionObject>, Stripe.FinancialConnections.Session>>;
export type _Account = Assert<Satisfies<ReturnType<typeof accountObject>, Stripe.FinancialConnections.Account>>;
export type _Transaction = Assert<Satisfies<ReturnType<typeof transactionObject>, Stripe.FinancialConnections.Transaction>>;
export type _Owner = Assert<Satisfies<ReturnType<typeof ownerObject>, Stripe.FinancialConnections.AccountOwner>>;
export type _Customer = Assert<Satisfies<ReturnType<typeof customerObject>, Stripe.Customer | Stripe.DeletedCustomer>>;
export type _Event = Assert<Satisfies<ReturnType<typeof eventObject>, Stripe.Event>>;
export type _SetupIntent = Assert<Satisfies<ReturnType<typeof setupIntentObject>, Stripe.SetupIntent>>;
export type _SetupAttempt = Assert<Satisfies<ReturnType<typeof setupAttemptObject>, Stripe.SetupAttempt>>;
export type _PaymentMethod = Assert<Satisfies<ReturnType<typeof paymentMethodObject>, Stripe.PaymentMethod>>;
export type _Mandate = Assert<Satisfies<ReturnType<typeof mandateObject>, Stripe.Mandate>>;

// ---- run time: read the interfaces from the installed package ----
const RES = join(process.cwd(), "node_modules/stripe/cjs/resources");

function declaration(file: string): string {
  return readFileSync(join(RES, file), "utf8");
}

/** Top-level fields of `export interface Name { … }`: name -> optional. */
function fields(file: string, name: string): Map<string, boolean> {
  const src = declaration(file);
  // Top-level interfaces are `export interface X {`; nested ones are indented `interface X {`.
  const decl = new RegExp(`^( *)(?:export )?interface ${name} \\{`, "m").exec(src);
  if (!decl) throw new Error(`${name} not found in ${file}`);
  const fieldRe = new RegExp(`^ {${(decl[1] ?? "").length + 4}}(\\w+)(\\?)?:`);
  const out = new Map<string, boolean>();
  let depth = 0;
  for (const line of src.slice(decl.index).split("\n")) {
    if (depth === 1) {
      const m = fieldRe.exec(line);
      if (m?.[1]) out.set(m[1], m[2] === "?");
    }
    depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
    if (depth === 0 && out.size) break;
  }
  return out;
}

/** String literals of `type Name = 'a' | 'b'` inside `namespace Ns {`. */
function enumValues(file: string, ns: string, name: string): string[] {
  const src = declaration(file);
  const from = src.search(new RegExp(`namespace ${ns} \\{`));
  if (from === -1) throw new Error(`namespace ${ns} not found in ${file}`);
  const m = new RegExp(`type ${name} = ([^;]+);`).exec(src.slice(from));
  return [...(m?.[1] ?? "").matchAll(/'([^']+)'/g)].map((x) => x[1] ?? "");
}

function expectFieldSet(obj: object, file: string, name: string): void {
  const spec = fields(file, name);
  const keys = Object.keys(obj);
  const unknown = keys.filter((k) => !spec.has(k));
  const missing = [...spec].filter(([k, optional]) => !optional && !keys.includes(k)).map(([k]) => k);
  expect({ name, unknown, missing }).toEqual({ name, unknown: [], missing: [] });
}

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.emulator.close();
});

describe("objects match the stripe package's types at run time", () => {
  it("session, account, transaction, owner, customer and event field sets and enums", async () => {
    const { customer, session, accounts } = await linkedAccounts(t, { prefetch: ["balances", "ownership", "transactions"] });
    const account = await waitFor(async () => {
      const a = await t.stripe.financialConnections.accounts.retrieve(accounts[0]?.id ?? "");
      return a.transaction_refresh?.status === "succeeded" && a.ownership_refresh?.status === "succeeded" && a.balance_refresh?.status === "succeeded" ? a : null;
    });
    // stripe-node adds `lastResponse` to what it returns; it is not part of the object.
    const strip = <T extends object>(o: T): T => {
      const { lastResponse: _omit, ...rest } = o as T & { lastResponse?: unknown };
      return rest as T;
    };
    const s = strip(session);
    const a = strip(account);
    const c = strip(customer);
    expectFieldSet(s, "FinancialConnections/Sessions.d.ts", "Session");
    expectFieldSet(s.filters ?? {}, "FinancialConnections/Sessions.d.ts", "Filters");
    expectFieldSet(a, "FinancialConnections/Accounts.d.ts", "Account");
    expectFieldSet(a.balance ?? {}, "FinancialConnections/Accounts.d.ts", "Balance");
    expectFieldSet(a.transaction_refresh ?? {}, "FinancialConnections/Accounts.d.ts", "TransactionRefresh");
    expectFieldSet(a.balance_refresh ?? {}, "FinancialConnections/Accounts.d.ts", "BalanceRefresh");
    expectFieldSet(a.account_numbers?.[0] ?? {}, "FinancialConnections/Accounts.d.ts", "AccountNumber");
    expectFieldSet(c, "Customers.d.ts", "Customer");

    const txns = await t.stripe.financialConnections.transactions.list({ account: a.id, limit: 3 });
    for (const x of txns.data) {
      expectFieldSet(x, "FinancialConnections/Transactions.d.ts", "Transaction");
      expect(enumValues("FinancialConnections/Transactions.d.ts", "Transaction", "Status")).toContain(x.status);
    }
    const owners = await t.stripe.financialConnections.accounts.listOwners(a.id, { ownership: a.ownership as string });
    expectFieldSet(owners.data[0] ?? {}, "FinancialConnections/AccountOwners.d.ts", "AccountOwner");

    const e = (await t.stripe.events.list({ limit: 1 })).data[0] as Stripe.Event;
    expectFieldSet(e, "Events.d.ts", "EventBase");
    expect(enumValues("Events.d.ts", "Event", "Type")).toContain(e.type);

    expect(enumValues("FinancialConnections/Accounts.d.ts", "Account", "Category")).toContain(a.category);
    expect(enumValues("FinancialConnections/Accounts.d.ts", "Account", "Subcategory")).toContain(a.subcategory);
    expect(enumValues("FinancialConnections/Accounts.d.ts", "Account", "Status")).toContain(a.status);
    for (const p of a.permissions ?? []) expect(enumValues("FinancialConnections/Accounts.d.ts", "Account", "Permission")).toContain(p);
    for (const p of a.supported_payment_method_types) expect(enumValues("FinancialConnections/Accounts.d.ts", "Account", "SupportedPaymentMethodType")).toContain(p);
    expect(enumValues("FinancialConnections/Accounts.d.ts", "BalanceRefresh", "Status")).toContain(a.balance_refresh?.status);
  });

  it("setup intent, setup attempt, payment method and mandate field sets and enums", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const si = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "");
    const strip = <T extends object>(o: T): T => {
      const { lastResponse: _omit, ...rest } = o as T & { lastResponse?: unknown };
      return rest as T;
    };
    const got = strip(await t.stripe.setupIntents.retrieve(si.id, { expand: ["latest_attempt"] }));
    const attempt = got.latest_attempt as Stripe.SetupAttempt;
    const pm = strip(await t.stripe.paymentMethods.retrieve(si.payment_method as string));
    const mandate = strip(await t.stripe.mandates.retrieve(si.mandate as string));
    expectFieldSet(got, "SetupIntents.d.ts", "SetupIntent");
    expectFieldSet(attempt, "SetupAttempts.d.ts", "SetupAttempt");
    expectFieldSet(pm, "PaymentMethods.d.ts", "PaymentMethod");
    expectFieldSet(pm.billing_details, "PaymentMethods.d.ts", "BillingDetails");
    expectFieldSet(pm.us_bank_account ?? {}, "PaymentMethods.d.ts", "UsBankAccount");
    expectFieldSet(mandate, "Mandates.d.ts", "Mandate");
    expectFieldSet(mandate.customer_acceptance, "Mandates.d.ts", "CustomerAcceptance");
    expect(enumValues("SetupIntents.d.ts", "SetupIntent", "Status")).toContain(got.status);
    expect(enumValues("Mandates.d.ts", "Mandate", "Status")).toContain(mandate.status);
    expect(enumValues("Mandates.d.ts", "Mandate", "Type")).toContain(mandate.type);
    expect(enumValues("PaymentMethods.d.ts", "UsBankAccount", "AccountType")).toContain(pm.us_bank_account?.account_type);
    expect(enumValues("PaymentMethods.d.ts", "UsBankAccount", "AccountHolderType")).toContain(pm.us_bank_account?.account_holder_type);
  });

  it("every event type the emulator emits is one Stripe defines", async () => {
    const types = new Set((await t.stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 1000 })).map((e) => e.type));
    const known = enumValues("Events.d.ts", "Event", "Type");
    expect(types.size).toBeGreaterThan(2);
    for (const type of types) expect(known).toContain(type);
  });
});
