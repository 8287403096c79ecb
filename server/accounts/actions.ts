"use server";
// The account owner's buttons (refresh, disconnect): <form action> posts, so they work before
// hydration and without JavaScript. Ownership is scoped inside the domain functions (the id in
// the form is only looked up among the signed-in user's own accounts).

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { requireApiUser } from "@/server/auth/guards";
import { DomainError } from "@/server/errors/domain-error";
import { parseInput, recordId } from "@/server/errors/parse-input";
import { formText, runAction } from "@/server/http/run-action";
import { disconnectAccount } from "./disconnect-account";
import { REFRESH_FEATURES, refreshAccount } from "./refresh-account";

const refreshInput = z.object({
  accountId: recordId,
  feature: z.enum(REFRESH_FEATURES, { error: `must be one of ${REFRESH_FEATURES.join(", ")}` }),
});
const disconnectInput = z.object({ accountId: recordId, confirm: z.string() });

/** The field a disconnect without `confirm=yes` names: the form then asks for confirmation. */
const CONFIRM_FIELD = "confirm";

function revalidateAccount(id: string) {
  revalidatePath("/accounts");
  revalidatePath(`/accounts/${id}`);
}

/** Asks the bank for fresh data of one feature; the page shows "Refreshing…" until it answers. */
export async function refreshAccountAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requireApiUser();
    const input = parseInput(refreshInput, { accountId: formText(form, "accountId"), feature: formText(form, "feature") });
    await refreshAccount({ userId: user.id }, input.accountId, input.feature);
    revalidateAccount(input.accountId);
    return `Refreshing ${input.feature}… this page updates when your bank answers.`;
  });
}

/**
 * Stops sharing the account (disconnects at Stripe). Only with `confirm=yes`: the dialog sends
 * it; without JavaScript the first press answers with a request to confirm (CONFIRM_FIELD).
 */
export async function disconnectAccountAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requireApiUser();
    const input = parseInput(disconnectInput, { accountId: formText(form, "accountId"), confirm: formText(form, CONFIRM_FIELD) });
    if (input.confirm !== "yes") throw new DomainError("invalid_input", "Confirm that you want to disconnect this account.", { field: CONFIRM_FIELD });
    await disconnectAccount({ kind: "user", userId: user.id }, input.accountId);
    revalidateAccount(input.accountId);
    return "Disconnected. We no longer read this account.";
  });
}
