"use client";

import { Elements, useStripe } from "@stripe/react-stripe-js";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { newAttemptId } from "@/lib/format/attempt-id";
import { getStripe } from "@/lib/stripe/get-stripe";

type Phase = "idle" | "preparing" | "linking" | "saving";
type Outcome = { kind: "success" | "info" | "error"; message: string; retry?: boolean } | null;

type Completion = { status: "succeeded" | "cancelled" | "failed"; linked: number; updated: number };

const LABELS: Record<Phase, string> = {
  idle: "",
  preparing: "Preparing…",
  linking: "Linking with your bank…",
  saving: "Saving your accounts…",
};

export type StripeBrowserConfig = { publishableKey: string; scriptUrl: string | null };

/** The "Link a bank account" button: server-created session, Stripe's modal, server-side completion. */
export function LinkBankAccount({ stripeConfig, label = "Link a bank account", variant = "primary" }: {
  stripeConfig: StripeBrowserConfig;
  label?: string;
  variant?: "primary" | "secondary";
}) {
  // Stripe.js loads in the browser only; during server rendering the button shows "Loading…".
  const stripePromise = useMemo(
    () => (typeof window === "undefined" ? null : getStripe(stripeConfig.publishableKey, stripeConfig.scriptUrl)),
    [stripeConfig],
  );
  return (
    <Elements stripe={stripePromise}>
      <LinkButton label={label} variant={variant} />
    </Elements>
  );
}

function describeCompletion(result: Completion): Outcome {
  if (result.status === "cancelled" || result.linked === 0) {
    return { kind: "info", message: "No accounts were linked. You can link one whenever you are ready." };
  }
  const fresh = result.linked - result.updated;
  const parts = [];
  if (fresh > 0) parts.push(`Linked ${fresh} ${fresh === 1 ? "account" : "accounts"}`);
  if (result.updated > 0) parts.push(`${fresh > 0 ? "updated" : "Updated"} ${result.updated} you had already linked`);
  return { kind: "success", message: `${parts.join(" and ")}.` };
}

async function postJson<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(json.error?.message ?? "The server could not be reached. Check your connection and try again.");
  return json;
}

function LinkButton({ label, variant }: { label: string; variant: "primary" | "secondary" }) {
  const stripe = useStripe();
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>("idle");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [refreshing, startTransition] = useTransition();
  // One id per attempt: a retry after a failed request reuses it, so the server makes one session.
  const attempt = useRef<string | null>(null);
  // A session the user finished in the modal but we failed to save (Stripe or our database was
  // briefly down): "Try again" saves it again instead of sending the user back to their bank.
  const unsaved = useRef<string | null>(null);
  const busy = phase !== "idle" || refreshing;

  async function link() {
    if (busy || !stripe) return;
    setOutcome(null);
    let linkSessionId = unsaved.current;
    let modalError: { message?: string } | undefined;
    try {
      if (!linkSessionId) {
        attempt.current ??= newAttemptId();
        setPhase("preparing");
        const created = await postJson<{ linkSessionId: string; clientSecret: string }>("/api/link-sessions", { attemptId: attempt.current });
        attempt.current = null; // the session exists; the next click is a new attempt
        linkSessionId = created.linkSessionId;
        setPhase("linking");
        const { error } = await stripe.collectFinancialConnectionsAccounts({ clientSecret: created.clientSecret });
        modalError = error;
        unsaved.current = linkSessionId;
      }
      setPhase("saving");
      // Always ask the server: it reads the outcome from Stripe, whatever the browser saw.
      const result = await postJson<Completion>(`/api/link-sessions/${linkSessionId}/complete`);
      unsaved.current = null;
      const next =
        modalError && result.linked === 0
          ? { kind: "error" as const, message: modalError.message ?? "Your bank could not be linked. Please try again.", retry: true }
          : describeCompletion(result);
      // The message and the refreshed list appear together, never "linked" above an empty list.
      startTransition(() => {
        setOutcome(next);
        router.refresh();
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : "Something went wrong.";
      // After the modal, the bank side is done: say so, so "Try again" does not sound like starting over.
      const message = unsaved.current ? `Your bank is connected, but your accounts are not saved yet. ${reason}` : reason;
      setOutcome({ kind: "error", message, retry: true });
    } finally {
      setPhase("idle");
    }
  }

  return (
    <div className="flex flex-col items-stretch gap-3 sm:items-end">
      {/* Stripe's window needs JavaScript: without it, say so rather than show a button stuck on "Loading…". */}
      <p className="hidden text-sm text-slate-600 noscript:block sm:max-w-xs sm:text-right">Linking a bank account needs JavaScript, which is off in this browser.</p>
      <Button type="button" variant={variant} className="noscript:hidden" onClick={() => void link()} disabled={busy || !stripe} aria-busy={busy}>
        {busy && <Spinner />}
        {busy ? LABELS[phase === "idle" ? "saving" : phase] : stripe ? label : "Loading…"}
      </Button>
      <div aria-live="polite" className="sm:max-w-sm">
        {outcome && (
          <Alert tone={outcome.kind} data-testid="link-outcome">
            {outcome.message}
            {outcome.retry && (
              <button type="button" onClick={() => void link()} className="ml-2 font-semibold underline">
                Try again
              </button>
            )}
          </Alert>
        )}
      </div>
    </div>
  );
}

