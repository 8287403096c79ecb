"use client";

import { useActionState, useState } from "react";
import { IDLE } from "@/lib/action-state";
import { requestSignInLink } from "@/server/auth/actions";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Email me a sign-in link": a form posting to a server action, so it works without JavaScript too. */
export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction] = useActionState(requestSignInLink, IDLE);
  // React empties the form after each submission; an address that was refused comes back for fixing.
  const [submitted, setSubmitted] = useState("");
  const error = state.status === "error" ? state.message : null;

  return (
    <form
      action={formAction}
      onSubmit={(event) => setSubmitted(String(new FormData(event.currentTarget).get("email") ?? ""))}
      noValidate
      className="space-y-3"
    >
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label htmlFor="email" className="block text-sm font-medium text-slate-700">
        Email address
      </label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={submitted}
        placeholder="you@example.com"
        aria-invalid={Boolean(error)}
        aria-describedby={error ? "email-error" : undefined}
        className="block w-full rounded-lg border-0 px-3 py-2.5 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600"
      />
      {error && (
        <p id="email-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <SubmitButton className="w-full" pendingLabel="Sending link…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
