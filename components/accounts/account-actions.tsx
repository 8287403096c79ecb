"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import { IDLE, type ActionState } from "@/lib/action-state";
import { disconnectAccountAction, refreshAccountAction } from "@/server/accounts/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { buttonClasses } from "@/components/ui/button-classes";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { SubmitButton } from "@/components/ui/submit-button";

type Feature = "balance" | "transactions" | "ownership";
type RefreshState = "pending" | "succeeded" | "failed" | null;

const FEATURES: Feature[] = ["balance", "transactions", "ownership"];

/**
 * Refresh and disconnect, as forms posting to server actions: they work before hydration and
 * without JavaScript. The page's PendingRefreshWatcher shows refresh results as they arrive.
 */
export function AccountActions({ accountId, status, refreshes, shared }: {
  accountId: string;
  status: "active" | "inactive" | "disconnected";
  refreshes: Record<Feature, RefreshState>;
  shared: Record<Feature, boolean>;
}) {
  const [refreshState, refresh] = useActionState(refreshAccountAction, IDLE);
  const [disconnectState, disconnect] = useActionState(disconnectAccountAction, IDLE);
  const anyPending = Object.values(refreshes).includes("pending");
  // "Refreshing…" goes once the bank has answered; errors stay until the next press.
  const refreshMessage = refreshState.status === "error" || anyPending ? refreshState : IDLE;
  // Without JavaScript there is no dialog: the first press comes back asking to confirm.
  const confirming = disconnectState.status === "error" && disconnectState.field === "confirm";
  const features = FEATURES.filter((feature) => shared[feature]);

  if (status === "disconnected") return <ActionMessage state={disconnectState} />;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:justify-end">
        {status === "active" && features.length > 0 && (
          <form action={refresh} className="contents">
            <input type="hidden" name="accountId" value={accountId} />
            {features.map((feature) => (
              <RefreshButton key={feature} feature={feature} waiting={refreshes[feature] === "pending"} />
            ))}
          </form>
        )}
        <form action={disconnect} className="contents">
          <input type="hidden" name="accountId" value={accountId} />
          {confirming ? <ConfirmDisconnect accountId={accountId} /> : <DisconnectButton state={disconnectState} />}
        </form>
      </div>
      <div aria-live="polite" className="space-y-2">
        <ActionMessage state={refreshMessage} />
        {!confirming && <ActionMessage state={disconnectState} />}
      </div>
    </div>
  );
}

/** One feature's refresh: the pressed button says so while its form is in flight or the bank is answering. */
function RefreshButton({ feature, waiting }: { feature: Feature; waiting: boolean }) {
  const { pending, data } = useFormStatus();
  const sending = pending && data?.get("feature") === feature;
  return (
    <button type="submit" name="feature" value={feature} disabled={pending || waiting} className={buttonClasses("secondary", "px-3 py-2")}>
      {sending && <Spinner />}
      {sending || waiting ? `Refreshing ${feature}…` : `Refresh ${feature}`}
    </button>
  );
}

const DISCONNECT_TITLE = "Disconnect this account?";

function DisconnectExplanation({ className }: { className?: string }) {
  return (
    <p className={className}>
      We will stop reading its balance and transactions, and Stripe will revoke our access. What we already have stays
      here as history. You can link it again later.
    </p>
  );
}

/**
 * "Disconnect" opens a confirmation dialog once React runs. Before that it submits the form
 * without `confirm`, and the action answers by asking to confirm (ConfirmDisconnect).
 */
function DisconnectButton({ state }: { state: ActionState }) {
  // Open while the action state is the one it was opened with: an answer (done or error) closes it.
  const [openedWith, setOpenedWith] = useState<ActionState | null>(null);
  return (
    <>
      <SubmitButton
        variant="ghost"
        className="px-3 py-2 text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50 sm:ring-0"
        onClick={(event) => {
          event.preventDefault();
          setOpenedWith(state);
        }}
      >
        Disconnect
      </SubmitButton>
      <Dialog open={openedWith === state} onClose={() => setOpenedWith(null)} title={DISCONNECT_TITLE}>
        <DisconnectExplanation className="mt-2 text-sm text-slate-600" />
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpenedWith(null)} autoFocus>
            Keep it
          </Button>
          <SubmitButton variant="danger" name="confirm" value="yes" pendingLabel="Disconnecting…">
            Disconnect
          </SubmitButton>
        </div>
      </Dialog>
    </>
  );
}

/** The confirmation step without JavaScript: the same question, in the page. */
function ConfirmDisconnect({ accountId }: { accountId: string }) {
  return (
    <section aria-label={DISCONNECT_TITLE} className="col-span-2 basis-full rounded-lg bg-red-50 p-4 text-left ring-1 ring-red-200 sm:max-w-sm">
      <h2 className="font-semibold text-red-900">{DISCONNECT_TITLE}</h2>
      <DisconnectExplanation className="mt-1 text-sm text-red-900/80" />
      <div className="mt-4 flex justify-end gap-2">
        <Link href={`/accounts/${accountId}`} className={buttonClasses("secondary", "px-3 py-2")}>
          Keep it
        </Link>
        <SubmitButton variant="danger" name="confirm" value="yes" className="px-3 py-2" pendingLabel="Disconnecting…">
          Disconnect
        </SubmitButton>
      </div>
    </section>
  );
}
