"use server";
// Signing in and out as server actions, so they work before hydration and without JavaScript.
// The email link has the same limits as next-auth's own endpoint (per client and per address).

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { DomainError } from "@/server/errors/domain-error";
import { clientAddress } from "@/server/http/client-address";
import { formText, runAction } from "@/server/http/run-action";
import { endSession, sendSignInLink, startProviderSignIn } from "./next-auth-in-process";
import { enabledProviders } from "./options";
import { SIGN_IN_RATE_LIMITED, countSignInEmail } from "./sign-in-email-limit";

const INVALID_EMAIL = "Enter a valid email address, like you@example.com.";

const emailAddress = z.string().trim().max(320).pipe(z.email());

/** Mails a sign-in link (next-auth's email provider) and sends the person to "check your email". */
export async function requestSignInLink(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const email = parseEmail(form);
    try {
      await countSignInEmail(email, clientAddress(await headers()));
    } catch (error) {
      if (error instanceof DomainError && error.kind === "rate_limited") {
        throw new DomainError("rate_limited", SIGN_IN_RATE_LIMITED, { field: "email", retryAfterSeconds: error.retryAfterSeconds });
      }
      throw error;
    }
    await sendSignInLink(email, safeReturnPath(formText(form, "callbackUrl")));
    redirect("/signin/check-email");
  });
}

/** The address, or an error naming the field in words a person can act on (without zod's "email: " prefix). */
function parseEmail(form: FormData): string {
  const parsed = emailAddress.safeParse(formText(form, "email"));
  if (!parsed.success) throw new DomainError("invalid_input", INVALID_EMAIL, { field: "email" });
  return parsed.data;
}

const provider = z.enum(["github", "google"]);

/** "Continue with GitHub/Google": sends the browser to the provider (works without JavaScript). */
export async function signInWithProvider(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const parsed = provider.safeParse(formText(form, "provider"));
    if (!parsed.success || !enabledProviders()[parsed.data]) throw new DomainError("invalid_input", "provider: not a sign-in method of this app", { field: "provider" });
    redirect(await startProviderSignIn(parsed.data, safeReturnPath(formText(form, "callbackUrl"))));
  });
}

/** Signs the person out and goes home. */
export async function signOut(): Promise<void> {
  await endSession();
  redirect("/");
}
