"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";

type State = { error: string | null; done: string | null };

/** Posts JSON to an admin API, shows its error message as it is, and re-renders the page on success. */
export function useAdminAction() {
  const router = useRouter();
  const [state, setState] = useState<State>({ error: null, done: null });
  const [busy, setBusy] = useState(false);
  const [refreshing, startTransition] = useTransition();

  /**
   * `doneMessage` may read the answer; an `{ error }` from it is an outcome to show as a failure
   * (the action ran, its effect did not happen) while the page still re-renders with it.
   */
  async function run(url: string, body: unknown, doneMessage: string | ((answer: unknown) => string | { error: string })): Promise<boolean> {
    setBusy(true);
    setState({ error: null, done: null });
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ error: answer?.error?.message ?? `The server answered ${response.status}. Please try again.`, done: null });
        return false;
      }
      const answer: unknown = await response.json().catch(() => null);
      const outcome = typeof doneMessage === "string" ? doneMessage : doneMessage(answer);
      setState(typeof outcome === "string" ? { error: null, done: outcome } : { error: outcome.error, done: null });
      startTransition(() => router.refresh());
      return true;
    } catch {
      setState({ error: "Could not reach the server. Check your connection and try again.", done: null });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { run, pending: busy || refreshing, ...state };
}

export function ActionMessages({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error && (
        <Alert tone="error" className="px-3 py-2">
          {error}
        </Alert>
      )}
      {done && (
        <Alert tone="success" className="px-3 py-2">
          {done}
        </Alert>
      )}
    </>
  );
}
