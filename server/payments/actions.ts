"use server";
// The person's pay-by-bank buttons on their account page: accept the ACH debit authorization,
// revoke it. <form action> posts, so both work before hydration and without JavaScript; the
// account id is only looked up among the signed-in user's own accounts.

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { ActionState } from "@/lib/action-state";
import { requireApiUser } from "@/server/auth/guards";
import { DomainError } from "@/server/errors/domain-error";
import { formRecordId, formText, runAction } from "@/server/http/run-action";
import { acceptanceFrom } from "./acceptance";
import { authorizeAccountForPayments } from "./authorize-account";
import { revokePaymentAuthorization } from "./revoke-authorization";

/** The authorization checkbox's name: the form names it when it was left unticked. */
const ACCEPT_FIELD = "accept";
const CONFIRM_FIELD = "confirm";

function revalidateAccount(id: string) {
  revalidatePath("/accounts");
  revalidatePath(`/accounts/${id}`);
}

/** Accepts the debit authorization shown on the page and sets the account up for payments. */
export async function authorizePaymentsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requireApiUser();
    const accountId = formRecordId(form, "accountId");
    if (formText(form, ACCEPT_FIELD) !== "yes") throw new DomainError("invalid_input", "Tick the box to accept the debit authorization.", { field: ACCEPT_FIELD });
    const authorization = await authorizeAccountForPayments(user.id, accountId, acceptanceFrom(await headers(), "account_page"));
    revalidateAccount(accountId);
    return authorization.state === "active" ? "Ready for payments." : "Stripe is setting up payments from this account; this page updates when it is done.";
  });
}

/** Revokes it (detaches the PaymentMethod; the mandate goes inactive). Only with `confirm=yes`. */
export async function revokePaymentsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requireApiUser();
    const accountId = formRecordId(form, "accountId");
    if (formText(form, CONFIRM_FIELD) !== "yes") throw new DomainError("invalid_input", "Confirm that you want to revoke the debit authorization.", { field: CONFIRM_FIELD });
    await revokePaymentAuthorization({ kind: "user", userId: user.id }, accountId);
    revalidateAccount(accountId);
    return "Revoked. Nobody can debit this account with it any more.";
  });
}
