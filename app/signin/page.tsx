import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { EmailSignInForm } from "@/components/auth/email-sign-in-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { enabledProviders } from "@/server/auth/options";
import { getCurrentUser } from "@/server/auth/guards";
import { SIGN_IN_RATE_LIMITED } from "@/server/auth/sign-in-email-limit";
import { isDevelopment } from "@/server/env";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { isLoopbackClient } from "@/server/security/peer-address";

export const metadata: Metadata = { title: "Sign in" };

// next-auth's error codes, in words a person can act on.
const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  EmailSignin: "We could not send the sign-in email. Please try again in a moment.",
  OAuthAccountNotLinked: "This email is already used with another sign-in method. Use that one.",
  AccessDenied: "Sign-in was refused.",
  RateLimited: SIGN_IN_RATE_LIMITED,
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  const providers = enabledProviders();
  const message = error ? (ERRORS[error] ?? "Sign-in failed. Please try again.") : null;
  const demo = isDevelopment() && isLoopbackClient(await headers());

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-center text-2xl font-bold tracking-tight">Sign in to Linkwell</h1>
      <p className="mt-2 text-center text-sm text-slate-600">We will email you a link. No password needed.</p>
      <Card className="mt-8 space-y-6">
        {message && (
          <Alert tone="error">{message}</Alert>
        )}
        <EmailSignInForm callbackUrl={returnTo} />
        {(providers.github || providers.google) && (
          <>
            <Divider label="or" />
            <OAuthButtons github={providers.github} google={providers.google} callbackUrl={returnTo} />
          </>
        )}
        {demo && (
          <>
            <Divider label="development only" />
            <form method="post" action="/api/dev/demo-sign-in" className="grid grid-cols-2 gap-3">
              <input type="hidden" name="callbackUrl" value={callbackUrl ? returnTo : ""} />
              <button name="as" value="user" className="rounded-lg bg-amber-50 px-3 py-2.5 text-sm font-semibold text-amber-900 ring-1 ring-amber-200 hover:bg-amber-100">
                Demo user
              </button>
              <button name="as" value="admin" className="rounded-lg bg-amber-50 px-3 py-2.5 text-sm font-semibold text-amber-900 ring-1 ring-amber-200 hover:bg-amber-100">
                Demo admin
              </button>
            </form>
          </>
        )}
      </Card>
    </div>
  );
}

function Divider({ label }: { label: string }) {
  return (
    <div className="flex items-center gap-3 text-xs uppercase tracking-wider text-slate-400">
      <span className="h-px flex-1 bg-slate-200" />
      {label}
      <span className="h-px flex-1 bg-slate-200" />
    </div>
  );
}
