import type { HostedPaymentStep } from "@/server/hosted-link/hosted-payment-step";
import type { Completion } from "./hosted-outcome";
import { HostedLinkCard } from "./hosted-link-card";
import { HostedPaymentsStep } from "./hosted-payments-step";

/**
 * A payments link opened again after its accounts were linked (a reload, a recreated Custom Tab,
 * or the way back from the bank's login): the authorization step, before going back to the app.
 */
export function HostedPaymentsCard({ appName, status, returnUrl, payments }: { appName: string; status: Completion["status"]; returnUrl: string; payments: HostedPaymentStep }) {
  return (
    <HostedLinkCard appName={appName}>
      <HostedPaymentsStep appName={appName} completion={{ status, linked: payments.accounts.length, redirect_url: returnUrl, payments }} />
    </HostedLinkCard>
  );
}
