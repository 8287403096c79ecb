"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useHydrated } from "@/components/use-hydrated";

type Feature = "balance" | "transactions" | "ownership";
type RefreshState = "pending" | "succeeded" | "failed" | null;

const FEATURE_LABEL: Record<Feature, string> = { balance: "balance", transactions: "transactions", ownership: "ownership" };

/** Refresh and disconnect; the page's PendingRefreshWatcher shows results as they arrive. */
export function AccountActions({ accountId, status, refreshes, shared }: {
  accountId: string;
  status: "active" | "inactive" | "disconnected";
  refreshes: Record<Feature, RefreshState>;
  shared: Record<Feature, boolean>;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<Feature | "disconnect" | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Buttons do nothing until React runs; show them disabled until then rather than ignore a click.
  const ready = useHydrated();
  const anyPending = Object.values(refreshes).includes("pending");

  async function post(path: string, body?: unknown) {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) {
      const json = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      throw new Error(json.error?.message ?? "Something went wrong. Please try again.");
    }
  }

  async function refresh(feature: Feature) {
    setBusy(feature);
    setMessage(null);
    try {
      await post(`/api/accounts/${accountId}/refresh`, { feature });
      setMessage({ kind: "info", text: `Refreshing ${FEATURE_LABEL[feature]}… this page updates when your bank answers.` });
      router.refresh();
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
    } finally {
      setBusy(null);
    }
  }

  async function disconnect() {
    setBusy("disconnect");
    try {
      await post(`/api/accounts/${accountId}/disconnect`);
      setConfirming(false);
      setMessage({ kind: "info", text: "Disconnected. We no longer read this account." });
      router.refresh();
    } catch (error) {
      setMessage({ kind: "error", text: (error as Error).message });
      setConfirming(false);
    } finally {
      setBusy(null);
    }
  }

  if (status === "disconnected") return null;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:justify-end">
        {status === "active" &&
          (Object.keys(FEATURE_LABEL) as Feature[])
            .filter((f) => shared[f])
            .map((feature) => (
              <Button key={feature} variant="secondary" className="px-3 py-2" disabled={!ready || busy !== null || refreshes[feature] === "pending"} onClick={() => void refresh(feature)}>
                {refreshes[feature] === "pending" ? `Refreshing ${FEATURE_LABEL[feature]}…` : `Refresh ${FEATURE_LABEL[feature]}`}
              </Button>
            ))}
        <Button variant="ghost" className="px-3 py-2 text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50 sm:ring-0" disabled={!ready || busy !== null} onClick={() => setConfirming(true)}>
          Disconnect
        </Button>
      </div>
      <div aria-live="polite">
        {/* "Refreshing…" notes go once the result is in; errors stay until the next action. */}
        {message && (message.kind === "error" || anyPending) && (
          <p role={message.kind === "error" ? "alert" : "status"} className={`text-sm ${message.kind === "error" ? "text-red-700" : "text-slate-600"}`}>
            {message.text}
          </p>
        )}
      </div>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Disconnect this account?">
        <p className="mt-2 text-sm text-slate-600">
          We will stop reading its balance and transactions, and Stripe will revoke our access. What we already have stays
          here as history. You can link it again later.
        </p>
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)} autoFocus>
            Keep it
          </Button>
          <Button variant="danger" disabled={busy === "disconnect"} onClick={() => void disconnect()}>
            {busy === "disconnect" ? "Disconnecting…" : "Disconnect"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
