"use client";

import type { Stripe } from "@stripe/stripe-js";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button-classes";
import { Spinner } from "@/components/ui/spinner";
import { getStripe } from "@/lib/stripe/get-stripe";
import { Outcome, type Completion } from "./hosted-outcome";
import { HostedPaymentsStep } from "./hosted-payments-step";

type StripeConfig = { publishableKey: string; scriptUrl: string | null };
/** Stripe.js's `onEvent` (not in @stripe/stripe-js's types yet): `error` carries the bank's error code. */
type FinancialConnectionsEvent = { name: string; metadata?: { error_code?: string } };
type CollectWithEvents = (options: { clientSecret: string; onEvent: (event: FinancialConnectionsEvent) => void }) => Promise<unknown>;
type Phase =
  | { step: "idle" }
  | { step: "busy"; label: string }
  | { step: "done"; completion: Completion }
  | { step: "error"; message: string; retry: (() => void) | null };

/**
 * The button and the modal on the hosted page, and the resume after the bank's OAuth return
 * (`resume` given: open the modal at once with the same session). Everything that matters is
 * decided on the server: the token is used there, the accounts come from Stripe there, and the
 * address to go back to is computed there from the allow-listed redirect URI.
 */
export function HostedLinkFlow({
  appName,
  stripeConfig,
  token,
  resumeWith,
  children,
}: {
  appName: string;
  stripeConfig: StripeConfig;
  token?: string;
  resumeWith?: { clientSecret: string; resume: string };
  children?: ReactNode;
}) {
  const [stripe, setStripe] = useState<Stripe | null>(null);
  const [phase, setPhase] = useState<Phase>(resumeWith ? { step: "busy", label: "Reconnecting to your bank…" } : { step: "idle" });
  const resumed = useRef(false);

  useEffect(() => {
    let live = true;
    getStripe(stripeConfig.publishableKey, stripeConfig.scriptUrl)
      .then((s) => live && setStripe(s))
      .catch(() => live && setPhase({ step: "error", message: "Could not load the secure bank connection. Check your connection and reload.", retry: null }));
    return () => {
      live = false;
    };
  }, [stripeConfig]);

  async function complete(resume: string, errorCode: string | null) {
    setPhase({ step: "busy", label: "Saving your accounts…" });
    try {
      const completion = await postJson<Completion>("/api/link-tokens/complete", { resume, ...(errorCode && { error_code: errorCode }) });
      setPhase({ step: "done", completion });
      // A link for payments first asks for the debit authorization; the step goes back itself.
      if (!completion.payments) window.location.assign(completion.redirect_url);
    } catch (error) {
      setPhase({ step: "error", message: messageOf(error), retry: () => void complete(resume, errorCode) });
    }
  }

  async function collect(client: Stripe, clientSecret: string, resume: string) {
    setPhase({ step: "busy", label: "Linking with your bank…" });
    // The last bank error Stripe.js reports, unless the person then chose another bank: the
    // server records "failed" with it when nothing was linked, whichever button closed the modal.
    // The accounts themselves the server reads from Stripe.
    let bankError: string | null = null;
    const collectWithEvents = client.collectFinancialConnectionsAccounts.bind(client) as unknown as CollectWithEvents;
    await collectWithEvents({
      clientSecret,
      onEvent: (event) => {
        if (event.name === "error") bankError = event.metadata?.error_code ?? "unexpected_error";
        else if (event.name === "institution_selected" || event.name === "success") bankError = null;
      },
    }).catch(() => undefined);
    await complete(resume, bankError);
  }

  async function start() {
    if (!stripe || !token) return;
    setPhase({ step: "busy", label: "Preparing a secure connection…" });
    let started: { client_secret: string; resume: string };
    try {
      started = await postJson("/api/link-tokens/start", { token });
    } catch (error) {
      setPhase({ step: "error", message: messageOf(error), retry: null });
      return;
    }
    await collect(stripe, started.client_secret, started.resume);
  }

  useEffect(() => {
    if (!resumeWith || !stripe || resumed.current) return;
    resumed.current = true;
    void collect(stripe, resumeWith.clientSecret, resumeWith.resume);
    // collect is stable enough: it only reads its arguments and setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resumeWith, stripe]);

  if (phase.step === "done") {
    const { completion } = phase;
    return completion.payments ? <HostedPaymentsStep appName={appName} completion={{ ...completion, payments: completion.payments }} /> : <Outcome appName={appName} completion={completion} />;
  }

  return (
    <div className="space-y-5">
      {children}
      <div aria-live="polite">
        {phase.step === "error" && (
          <Alert tone="error" data-testid="hosted-link-error" className="rounded-xl">
            {phase.message}
            {phase.retry && (
              <button type="button" onClick={phase.retry} className="ml-2 font-semibold underline">
                Try again
              </button>
            )}
          </Alert>
        )}
      </div>
      {token && (
        <button
          type="button"
          data-testid="hosted-link-continue"
          onClick={() => void start()}
          disabled={!stripe || phase.step !== "idle"}
          aria-busy={phase.step === "busy"}
          className={buttonClasses("primary", "w-full rounded-xl py-3.5 text-base")}
        >
          {phase.step === "busy" && <Spinner />}
          {phase.step === "busy" ? phase.label : stripe ? "Continue" : "Loading…"}
        </button>
      )}
      {!token && phase.step === "busy" && (
        <p className="flex items-center justify-center gap-2 text-sm text-slate-600" role="status">
          <Spinner /> {phase.label}
        </p>
      )}
    </div>
  );
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new Error("The server could not be reached. Check your connection and try again.");
  }
  const json = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(json.error?.message ?? "Something went wrong. Please try again.");
  return json;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}
