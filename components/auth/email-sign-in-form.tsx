"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/use-hydrated";

export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  // Until React runs, a click would submit the form natively and lose it; wait for hydration.
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      setError("Enter a valid email address, like you@example.com.");
      return;
    }
    setError(null);
    setPending(true);
    const result = await signIn("email", { email, callbackUrl, redirect: false });
    if (result?.ok && !result.error) {
      router.push("/signin/check-email");
      return;
    }
    setPending(false);
    // The same words whether or not the address has an account: the limit counts requests, not people.
    setError(
      result?.status === 429
        ? "Too many sign-in links were asked for. Please wait a few minutes, then try again."
        : "We could not send the sign-in link. Please try again.",
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <label htmlFor="email" className="block text-sm font-medium text-slate-700">
        Email address
      </label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
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
      <Button type="submit" disabled={pending || !hydrated} className="w-full">
        {pending ? "Sending link…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
