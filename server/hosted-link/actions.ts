"use server";
// Server actions about hosted links: the admin API keys page's retry of an integrator callback,
// and the hosted page's "Authorize debits" (pay by bank), which has no session cookie: the
// attempt's signed resume value, sent in the form, is what identifies the visitor.

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { DomainError } from "@/server/errors/domain-error";
import { admit } from "@/server/http/admission";
import { formRecordId, formText, runAction } from "@/server/http/run-action";
import { acceptanceFrom } from "@/server/payments/acceptance";
import { retryIntegratorCallback } from "./callback-deliveries";
import { authorizeHostedAccount, hostedPaymentsVisitor } from "./hosted-payments";
import { HOSTED_PAYMENTS_READY, HOSTED_PAYMENTS_SETTING_UP } from "./payment-messages";

/** The authorization checkbox's name, as the form (components/payments) names it. */
const ACCEPT_FIELD = "accept";

/**
 * Sends an undelivered integrator callback again now; audited. A refused delivery is shown as
 * the form's error (the callback stays undelivered, with its reason), after the page updates.
 */
export async function retryIntegratorCallbackAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const callbackId = formRecordId(form, "callbackId");
    const result = await retryIntegratorCallback(admin, callbackId);
    revalidatePath("/admin/api-keys");
    if (result.state !== "delivered") throw new DomainError("conflict", `Not delivered: ${result.error ?? result.state}.`);
    return "Delivered.";
  });
}

/**
 * "Authorize debits" on the hosted page of a link minted for payments: the visitor is the one
 * the signed resume value names (checked first, before any field), the account must be one this
 * link session linked for them, and the acceptance is recorded with the request's address and
 * browser, as on the account page. Refused without `accept=yes`, naming the box.
 */
export async function authorizeHostedPaymentsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const visitor = await hostedPaymentsVisitor(formText(form, "resume"));
    const accountId = formRecordId(form, "accountId");
    if (formText(form, ACCEPT_FIELD) !== "yes") throw new DomainError("invalid_input", "Tick the box to accept the debit authorization.", { field: ACCEPT_FIELD });
    const acceptance = acceptanceFrom(await headers(), "hosted_link");
    const authorization = await admit("linking", () => authorizeHostedAccount(visitor, accountId, acceptance));
    return authorization.state === "active" ? HOSTED_PAYMENTS_READY : HOSTED_PAYMENTS_SETTING_UP;
  });
}
