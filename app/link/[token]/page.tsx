import { HostedLinkCard, LinkProblem } from "@/components/hosted-link/hosted-link-card";
import { HostedLinkFlow } from "@/components/hosted-link/hosted-link-flow";
import { HostedPaymentsCard } from "@/components/hosted-link/hosted-payments-card";
import { IntegratorReceives, PermissionList } from "@/components/hosted-link/permission-list";
import { ENDED_TITLES } from "@/lib/hosted-link/ended-titles";
import { loadHostedLink } from "@/server/hosted-link/load-hosted-link";
import { stripeBrowserConfig } from "@/server/stripe/browser-config";

type Props = { params: Promise<{ token: string }> };

// /link/<token>: works without any cookie; the token alone says who links and where they go back to.
export default async function HostedLinkPage({ params }: Props) {
  const { token } = await params;
  const view = await loadHostedLink(token);
  if (view.kind === "unknown") {
    return (
      <LinkProblem title="This link is not valid" tone="error">
        <p>It may have been mistyped. Go back to the app you came from and start linking again.</p>
      </LinkProblem>
    );
  }
  if (view.kind === "revoked") {
    return (
      <LinkProblem title="This link was cancelled" appName={view.appName} returnUrl={view.returnUrl} tone="error">
        <p>{view.appName} can no longer link bank accounts through this link. Go back to {view.appName}.</p>
      </LinkProblem>
    );
  }
  if (view.kind === "used" && view.payments) {
    // A payments link reloaded after linking (a recreated Custom Tab): its authorization step again.
    return <HostedPaymentsCard appName={view.appName} status={view.status} returnUrl={view.returnUrl} payments={view.payments} />;
  }
  if (view.kind === "used") {
    // The attempt ended: the same outcome the app's backend reads, with the way back to the app.
    return (
      <LinkProblem title={ENDED_TITLES[view.status]} appName={view.appName} returnUrl={view.returnUrl} tone={view.status === "succeeded" ? "success" : "warn"}>
        <p>
          {view.status === "expired"
            ? `This attempt was left unfinished for too long. Go back to ${view.appName} and start again.`
            : `This bank connection is finished. Go back to ${view.appName}.`}
        </p>
      </LinkProblem>
    );
  }
  if (view.kind === "expired") {
    return (
      <LinkProblem title="This link has expired" appName={view.appName} returnUrl={view.returnUrl}>
        <p>Links work for 15 minutes only. Go back to {view.appName} and start again.</p>
      </LinkProblem>
    );
  }
  const stripeConfig = stripeBrowserConfig();
  if (!stripeConfig) {
    return (
      <LinkProblem title="Bank linking is unavailable" appName={view.appName} tone="error">
        <p>This server is not set up for bank linking yet. Please try again later.</p>
      </LinkProblem>
    );
  }
  if (view.kind === "resume") {
    // A reload mid-flow (a recreated Custom Tab, a webview rotated): the same Stripe session again.
    return (
      <HostedLinkCard appName={view.appName}>
        <HostedLinkFlow appName={view.appName} stripeConfig={stripeConfig} resumeWith={{ clientSecret: view.clientSecret, resume: view.resume }}>
          <div className="space-y-2 text-center">
            <h1 className="text-xl font-bold tracking-tight text-slate-900" data-testid="hosted-link-title">
              Carry on linking
            </h1>
            <p className="text-sm text-slate-600">Pick up where you left off with {view.appName}.</p>
          </div>
        </HostedLinkFlow>
      </HostedLinkCard>
    );
  }
  const { integrator } = view;
  return (
    <HostedLinkCard appName={view.appName}>
      <HostedLinkFlow appName={view.appName} stripeConfig={stripeConfig} token={token}>
        <div className="space-y-2">
          <h1 className="text-xl font-bold tracking-tight text-slate-900" data-testid="hosted-link-title">
            {view.appName} wants to connect your bank account
          </h1>
          <p className="text-sm text-slate-600">
            You choose the bank and the accounts.{" "}
            {integrator ? `${view.appName} will receive, for each account you pick:` : "Linkwell will be able to see, for the accounts you pick:"}
          </p>
        </div>
        {integrator && <IntegratorReceives appName={view.appName} />}
        {integrator && <p className="text-sm text-slate-600">Linkwell, which runs this page, will be able to see:</p>}
        <PermissionList permissions={view.permissions} />
        <ul className="space-y-1.5 rounded-xl bg-slate-50 px-4 py-3 text-xs text-slate-600">
          <li>Your bank login happens with your bank and Stripe. Neither Linkwell nor {view.appName} sees your password.</li>
          <li>You can disconnect an account at any time.</li>
        </ul>
      </HostedLinkFlow>
    </HostedLinkCard>
  );
}
