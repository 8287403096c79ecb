"use server";
// The profile form: who the account holder is, which every linked account's owners are compared
// with. A <form action> post, so it works before hydration and without JavaScript.

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { requireApiUser } from "@/server/auth/guards";
import { parseInput } from "@/server/errors/parse-input";
import { formText, formTyped, runAction } from "@/server/http/run-action";
import { PROFILE_FIELDS, saveHolderProfile, type ProfileField } from "./holder-profile";
import { holderProfileInput } from "./profile-input";

export type ProfileState = ActionState & { fields?: Record<ProfileField, string> };

/** Saves the profile; the accounts' ownership verdicts are compared again in the same transaction. */
export async function saveProfileAction(_previous: ProfileState, form: FormData): Promise<ProfileState> {
  const state = await runAction(async () => {
    const user = await requireApiUser();
    const input = parseInput(holderProfileInput, Object.fromEntries(PROFILE_FIELDS.map((f) => [f, formText(form, f)])));
    const { changed } = await saveHolderProfile(user.id, input);
    revalidatePath("/profile");
    revalidatePath("/accounts", "layout");
    return changed ? "Profile saved. Your accounts' ownership was checked again." : "Nothing changed.";
  });
  if (state.status !== "error") return state;
  return { ...state, fields: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, formTyped(form, f)])) as Record<ProfileField, string> };
}
