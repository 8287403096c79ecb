import { HostedLinkCard, LinkProblem } from "@/components/hosted-link/hosted-link-card";
import { HostedLinkFlow } from "@/components/hosted-link/hosted-link-flow";
import { HostedPaymentsCard } from "@/components/hosted-link/hosted-payments-card";
import { ReturnNow } from "@/components/hosted-link/return-now";
import { ENDED_TITLES } from "@/lib/hosted-link/ended-titles";
import { loadResume } from "@/server/hosted-link/resume-hosted-link";
import { stripeBrowserConfig } from "@/server/stripe/browser-config";

type Props = { params: Promise<{ state: string }> };

// /link/resume/<signed state>: Stripe's return_url after the bank's OAuth login. The state is
// signed by this server and bound to one token and link session; anything else is refused.
export default async function HostedLinkResumePage({ params }: Props) {
  const { state } = await params;
  const resume = state;
  const view = await loadResume(resume);
  const stripeConfig = stripeBrowserConfig();
  if (view.kind === "invalid" || !stripeConfig) {
    return (
      <LinkProblem title="This page cannot continue" tone="error">
        <p>The link back from your bank is not valid or has expired. Go back to the app you came from and start linking again.</p>
      </LinkProblem>
    );
  }
  if (view.kind === "finished" && view.payments) {
    // Back from the bank after linking, on a payments link: the authorization step before going back.
    return <HostedPaymentsCard appName={view.appName} status={view.status} returnUrl={view.returnUrl} payments={view.payments} />;
  }
  if (view.kind === "finished") {
    return (
      <LinkProblem title={ENDED_TITLES[view.status]} appName={view.appName} returnUrl={view.returnUrl} tone={view.status === "succeeded" ? "success" : "warn"}>
        <p>This bank connection is already finished.</p>
        <ReturnNow url={view.returnUrl} />
      </LinkProblem>
    );
  }
  return (
    <HostedLinkCard appName={view.appName}>
      <HostedLinkFlow appName={view.appName} stripeConfig={stripeConfig} resumeWith={{ clientSecret: view.clientSecret, resume }}>
        <div className="space-y-2 text-center">
          <h1 className="text-xl font-bold tracking-tight text-slate-900">Welcome back</h1>
          <p className="text-sm text-slate-600">Your bank sent you back. Choose the accounts to share with {view.appName}.</p>
        </div>
      </HostedLinkFlow>
    </HostedLinkCard>
  );
}
