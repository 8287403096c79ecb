// Pay by bank against Stripe's own OpenAPI spec (spec3, API version 2023-08-16): every SetupIntent,
// SetupAttempt, PaymentMethod and Mandate the emulator serves (plain, expanded, in lists, in events,
// in error bodies) must match the spec's schema, and every parameter it accepts must be one the spec
// declares. The spec predates stripe-node 23, so fields and parameters added since are listed below;
// types-conformance.test.ts checks those against the installed stripe package instead.
// The spec is not vendored (2.6 MB): STRIPE_OPENAPI_SPEC points at it, else the shared reference copy.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { OpenApiSpec, type SchemaReport } from "./openapi-schema.js";
import type { Field } from "./http/params.js";
import { setupIntentConfirmFields, setupIntentCreateFields } from "./resources/setup-intents.js";
import { bankPaymentMethodData, linkedAccounts, onlineAcceptance, setUpBankAccount, startTestEmulator, type TestEmulator } from "./test-support.js";

const SPEC = process.env.STRIPE_OPENAPI_SPEC ?? "/work/shared/reference/stripe-openapi/spec3-2023-08-16.json";

/** Object fields Stripe added after 2023-08-16 (all in stripe-node 23's types). */
const NEWER_FIELDS = [
  ".allowed_payment_method_types",
  ".excluded_payment_method_types",
  ".payment_method_configuration_details",
  ".customer_account",
  ".allow_redisplay",
  ".billing_details.tax_id",
  ".payment_method_options.us_bank_account.mandate_options",
];

/** Parameters Stripe added after 2023-08-16 (all in stripe-node 23's param types). */
const NEWER_PARAMS = [
  "allowed_payment_method_types",
  "excluded_payment_method_types",
  "payment_method_data[allow_redisplay]",
  "payment_method_options[us_bank_account][financial_connections][filters]",
  "payment_method_options[us_bank_account][financial_connections][filters][account_subcategories]",
  "payment_method_options[us_bank_account][mandate_options]",
  "payment_method_options[us_bank_account][mandate_options][collection_method]",
  "allow_redisplay",
];

function expectConforms(report: SchemaReport): void {
  const unexpected = report.unknown.filter((p) => !NEWER_FIELDS.some((suffix) => p.endsWith(suffix)));
  expect({ errors: report.errors, unknown: unexpected }).toEqual({ errors: [], unknown: [] });
}

function paramPaths(fields: Record<string, Field>, prefix = "", out: string[] = []): string[] {
  for (const [k, f] of Object.entries(fields)) {
    const path = prefix ? `${prefix}[${k}]` : k;
    out.push(path);
    const inner = f.t === "array" ? f.of : f;
    if (inner.t === "object") paramPaths(inner.fields, path, out);
  }
  return out;
}

const strip = <T extends object>(o: T): T => {
  const { lastResponse: _omit, ...rest } = o as T & { lastResponse?: unknown };
  return rest as T;
};

describe.skipIf(!existsSync(SPEC))("pay by bank matches Stripe's OpenAPI spec", () => {
  let spec: OpenApiSpec;
  let t: TestEmulator;
  beforeAll(async () => {
    spec = OpenApiSpec.load(SPEC);
    t = await startTestEmulator();
  });
  afterAll(async () => {
    await t?.emulator.close();
  });

  /** The wire error body of a request, by plain fetch: what stripe-node parses, before it adds its own fields. */
  async function errorBody(method: string, path: string, form: Record<string, string> = {}): Promise<{ status: number; error: unknown }> {
    const res = await fetch(t.emulator.url + path, {
      method,
      headers: { authorization: "Bearer sk_test_emulator", "content-type": "application/x-www-form-urlencoded" },
      body: method === "GET" ? undefined : new URLSearchParams(form).toString(),
    });
    return { status: res.status, error: ((await res.json()) as { error: unknown }).error };
  }

  it("objects: succeeded, pending, canceled and failed SetupIntents; attempts; PaymentMethods; mandates", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"], accounts: ["checking", "savings"] });
    const [a, b] = [accounts[0]?.id ?? "", accounts[1]?.id ?? ""];
    const ok = await setUpBankAccount(t, customer.id, a, { metadata: { k: "v" } });
    const offline = await setUpBankAccount(t, customer.id, b, { mandate_data: { customer_acceptance: { type: "offline" } } });
    const pending = await t.stripe.setupIntents.create({ customer: customer.id });
    const canceled = await t.stripe.setupIntents.cancel((await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"] })).id, { cancellation_reason: "duplicate" });
    const failing = await t.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["us_bank_account"], payment_method_data: bankPaymentMethodData(a) });
    await t.control(`/_emulator/test_helpers/accounts/${a}/fail_next_setup`);
    await t.stripe.setupIntents.confirm(failing.id, { mandate_data: onlineAcceptance }).catch(() => null);
    await t.stripe.paymentMethods.detach(offline.payment_method as string);

    for (const si of [ok, pending, canceled]) expectConforms(spec.validate(strip(si), "setup_intent"));
    for (const id of [ok.id, offline.id, failing.id]) {
      const expanded = await t.stripe.setupIntents.retrieve(id, { expand: ["mandate", "payment_method", "latest_attempt"] });
      expectConforms(spec.validate(strip(expanded), "setup_intent"));
    }
    for (const x of (await t.stripe.setupAttempts.list({ setup_intent: failing.id })).data) expectConforms(spec.validate(x, "setup_attempt"));
    for (const x of (await t.stripe.paymentMethods.list({ customer: customer.id })).data) expectConforms(spec.validate(x, "payment_method"));
    expectConforms(spec.validate(strip(await t.stripe.paymentMethods.retrieve(offline.payment_method as string)), "payment_method"));
    for (const id of [ok.mandate, offline.mandate]) expectConforms(spec.validate(strip(await t.stripe.mandates.retrieve(id as string)), "mandate"));
  });

  it("the objects in setup_intent.*, payment_method.* and mandate.* events", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const si = await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "");
    await t.stripe.paymentMethods.detach(si.payment_method as string);
    const schemaOf = (type: string) => type.split(".")[0] ?? "";
    const events = await t.stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 2000 });
    const ours = events.filter((e: Stripe.Event) => ["setup_intent", "payment_method", "mandate"].includes(schemaOf(e.type)));
    expect(new Set(ours.map((e) => e.type))).toEqual(
      new Set(["setup_intent.created", "setup_intent.succeeded", "setup_intent.canceled", "setup_intent.setup_failed", "payment_method.attached", "payment_method.detached", "mandate.updated"]),
    );
    for (const e of ours) expectConforms(spec.validate(e.data.object, schemaOf(e.type), e.type));
  });

  it("error bodies", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const fca = accounts[0]?.id ?? "";
    const setup = {
      customer: customer.id,
      "allowed_payment_method_types[0]": "us_bank_account",
      "payment_method_data[type]": "us_bank_account",
      "payment_method_data[us_bank_account][financial_connections_account]": fca,
      "payment_method_data[billing_details][name]": "Jenny Rosen",
      "mandate_data[customer_acceptance][type]": "online",
      "mandate_data[customer_acceptance][online][ip_address]": "198.51.100.1",
      "mandate_data[customer_acceptance][online][user_agent]": "curl",
      confirm: "true",
    };
    const { "mandate_data[customer_acceptance][type]": _t, "mandate_data[customer_acceptance][online][ip_address]": _i, "mandate_data[customer_acceptance][online][user_agent]": _u, ...noMandate } = setup;
    const missing = await errorBody("POST", "/v1/setup_intents", noMandate);
    expect(missing.status).toBe(400);
    await t.control(`/_emulator/test_helpers/accounts/${fca}/fail_next_setup`);
    const failed = await errorBody("POST", "/v1/setup_intents", setup);
    expect(failed.error).toMatchObject({ code: "bank_account_unusable", setup_intent: { status: "requires_payment_method" } });
    const done = await setUpBankAccount(t, customer.id, fca);
    const cases = [
      missing,
      failed,
      await errorBody("GET", "/v1/setup_intents/seti_missing"),
      await errorBody("GET", "/v1/mandates/mandate_missing"),
      await errorBody("POST", `/v1/setup_intents/${done.id}/cancel`),
      await errorBody("POST", `/v1/payment_methods/${done.payment_method}/detach`).then(() => errorBody("POST", `/v1/payment_methods/${done.payment_method}/detach`)),
    ];
    for (const c of cases) expectConforms(spec.validate(c.error, "api_errors", "error"));
  });

  it("the checker itself catches a wrong shape", async () => {
    const { customer, accounts } = await linkedAccounts(t, { permissions: ["payment_method"] });
    const pm = strip(await t.stripe.paymentMethods.retrieve((await setUpBankAccount(t, customer.id, accounts[0]?.id ?? "")).payment_method as string));
    const { id: _id, ...noId } = pm;
    const bad = { ...noId, created: "yesterday", object: "card", invented: 1, us_bank_account: { ...pm.us_bank_account, account_type: "brokerage", networks: { preferred: "ach" } } };
    const r = spec.validate(bad, "payment_method", "pm");
    expect(r.errors).toEqual(
      expect.arrayContaining([
        "pm.id: required, missing",
        'pm.created: expected an integer, got "yesterday"',
        'pm.object: "card" is not one of ["payment_method"]',
        expect.stringContaining("pm.us_bank_account.account_type"),
        "pm.us_bank_account.networks.supported: required, missing",
      ]),
    );
    expect(r.unknown).toContain("pm.invented");
  });

  it.each<[string, "get" | "post", string, Record<string, Field>]>([
    ["create", "post", "/v1/setup_intents", setupIntentCreateFields],
    ["confirm", "post", "/v1/setup_intents/{intent}/confirm", setupIntentConfirmFields],
  ])("every SetupIntent %s parameter the emulator takes is in the spec", (_label, method, path, fields) => {
    const known = spec.parameters(method, path);
    const extra = paramPaths(fields).filter((p) => !known.has(p) && !NEWER_PARAMS.includes(p));
    expect(extra).toEqual([]);
  });
});
