"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { signInWithProvider } from "@/server/auth/actions";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Continue with GitHub/Google": one form posting to a server action, so it works without JavaScript too. */
export function OAuthButtons({ github, google, callbackUrl }: { github: boolean; google: boolean; callbackUrl: string }) {
  const [state, formAction] = useActionState(signInWithProvider, IDLE);
  return (
    <form action={formAction} className="grid gap-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {github && (
        <SubmitButton variant="secondary" name="provider" value="github">
          Continue with GitHub
        </SubmitButton>
      )}
      {google && (
        <SubmitButton variant="secondary" name="provider" value="google">
          Continue with Google
        </SubmitButton>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
