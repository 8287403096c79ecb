"use server";
// Server actions of the admin user page.

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { requireAdminApi } from "@/server/auth/guards";
import { parseInput, recordId } from "@/server/errors/parse-input";
import { formText, runAction } from "@/server/http/run-action";
import { roleInput, setUserRole } from "./users";

/** Promotes a user to admin or demotes one to user (never the last admin, never an ADMIN_EMAILS one); audited. */
export async function changeUserRole(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const admin = await requireAdminApi();
    const { userId, role } = parseInput(roleInput.extend({ userId: recordId }), { userId: formText(form, "userId"), role: formText(form, "role") });
    await setUserRole(admin, userId, role);
    // Demoting oneself takes the admin area away: every admin page must re-check.
    revalidatePath("/admin", "layout");
    return role === "admin" ? "Promoted to admin." : "Demoted to user.";
  });
}
