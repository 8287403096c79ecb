import { buttonClasses } from "@/components/ui/button-classes";
import { Spinner } from "@/components/ui/spinner";
import { ENDED_TITLES } from "@/lib/hosted-link/ended-titles";
import type { HostedPaymentStep } from "@/server/hosted-link/hosted-payment-step";
import { StatusIcon } from "./hosted-link-card";

/** What the server answers when the modal closed (POST /api/link-tokens/complete). */
export type Completion = {
  status: "succeeded" | "cancelled" | "failed" | "expired";
  linked: number;
  redirect_url: string;
  /** A link minted for payments: the authorization step to show before going back. */
  payments?: HostedPaymentStep;
};

/** The end of the hosted flow: what happened, and the way back to the app (which the page follows itself). */
export function Outcome({ appName, completion, note }: { appName: string; completion: Completion; note?: string }) {
  const { status, linked } = completion;
  const title = status === "succeeded" ? `${linked} ${linked === 1 ? "account" : "accounts"} linked` : ENDED_TITLES[status];
  return (
    <div className="space-y-4 text-center" data-testid="hosted-link-done" data-status={status}>
      <StatusIcon tone={status === "succeeded" ? "success" : status === "cancelled" ? "info" : "error"} />
      <h1 className="text-xl font-bold tracking-tight text-slate-900">{title}</h1>
      {note && <p className="text-sm text-slate-700">{note}</p>}
      <p className="flex items-center justify-center gap-2 text-sm text-slate-600" role="status">
        <Spinner /> Taking you back to {appName}…
      </p>
      <a href={completion.redirect_url} data-testid="return-to-app" className={buttonClasses("secondary", "w-full rounded-xl py-3.5 text-base")}>
        Return to {appName}
      </a>
    </div>
  );
}
