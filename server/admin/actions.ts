"use server";
// Server actions of the admin account page: refresh and disconnect any user's account, revoke its
// payment authorization.

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import {
  adminDisconnectAccount,
  adminRefreshAccount,
  adminRevokePayments,
  disconnectInput,
  refreshInput,
  revokePaymentsInput,
} from "@/server/admin/account-actions";
import { requireAdminApi } from "@/server/auth/guards";
import { parseInput, recordId } from "@/server/errors/parse-input";
import { formText, runAction } from "@/server/http/run-action";

const FEATURE_LABEL = { balance: "Balance", ownership: "Ownership", transactions: "Transactions" } as const;

/** Asks Stripe to refresh one feature (the pressed button's `feature`) of any account; audited. */
export async function refreshAccountAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const { accountId, feature } = parseInput(refreshInput.extend({ accountId: recordId }), {
      accountId: formText(form, "accountId"),
      feature: formText(form, "feature"),
    });
    await adminRefreshAccount(admin, accountId, feature);
    revalidatePath(`/admin/accounts/${accountId}`);
    return `${FEATURE_LABEL[feature]} refresh requested.`;
  });
}

/** Disconnects any account with a required reason (kept in the audit log and the status history). */
export async function disconnectAccountAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const { accountId, reason } = parseInput(disconnectInput.extend({ accountId: recordId }), {
      accountId: formText(form, "accountId"),
      reason: formText(form, "reason"),
    });
    await adminDisconnectAccount(admin, accountId, reason);
    revalidatePath("/admin", "layout");
    return "Account disconnected.";
  });
}


/** Revokes any account's payment authorization with a required reason (kept in the audit log). */
export async function revokePaymentsAsAdmin(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const { accountId, reason } = parseInput(revokePaymentsInput.extend({ accountId: recordId }), {
      accountId: formText(form, "accountId"),
      reason: formText(form, "reason"),
    });
    await adminRevokePayments(admin, accountId, reason);
    revalidatePath("/admin", "layout");
    revalidatePath("/accounts");
    revalidatePath(`/accounts/${accountId}`);
    return "Payment authorization revoked.";
  });
}
