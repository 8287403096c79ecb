import { HostedLinkCard, LinkProblem } from "@/components/hosted-link/hosted-link-card";
import { HostedLinkFlow } from "@/components/hosted-link/hosted-link-flow";
import { PermissionList } from "@/components/hosted-link/permission-list";
import { loadHostedLink } from "@/lib/hosted-link/load-hosted-link";
import { stripeBrowserConfig } from "@/lib/stripe/browser-config";

type Props = { params: Promise<{ token: string }> };

// /link/<token>: works without any cookie; the token alone says who links and where they go back to.
export default async function HostedLinkPage({ params }: Props) {
  const { token } = await params;
  const view = await loadHostedLink(token);
  if (view.kind === "unknown") {
    return (
      <LinkProblem title="This link is not valid" tone="error">
        <p>It may have been mistyped or cancelled. Go back to the app you came from and start linking again.</p>
      </LinkProblem>
    );
  }
  if (view.kind === "used") {
    return (
      <LinkProblem title="This link was already used" appName={view.appName} returnUrl={view.returnUrl}>
        <p>Each link works once, to keep your bank connection safe. Go back to {view.appName} to get a new one.</p>
      </LinkProblem>
    );
  }
  if (view.kind === "expired") {
    return (
      <LinkProblem title="This link has expired" appName={view.appName} returnUrl={view.returnUrl}>
        <p>Links work for a few minutes only. Go back to {view.appName} and start again.</p>
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
  return (
    <HostedLinkCard appName={view.appName}>
      <HostedLinkFlow appName={view.appName} stripeConfig={stripeConfig} token={token}>
        <div className="space-y-2">
          <h1 className="text-xl font-bold tracking-tight text-slate-900" data-testid="hosted-link-title">
            {view.appName} wants to connect your bank account
          </h1>
          <p className="text-sm text-slate-600">
            You choose the bank and the accounts. {view.appName} will be able to see, for the accounts you pick:
          </p>
        </div>
        <PermissionList permissions={view.permissions} />
        <ul className="space-y-1.5 rounded-xl bg-slate-50 px-4 py-3 text-xs text-slate-600">
          <li>Your bank login happens with your bank and Stripe. Neither Linkwell nor {view.appName} sees your password.</li>
          <li>You can disconnect an account at any time.</li>
        </ul>
      </HostedLinkFlow>
    </HostedLinkCard>
  );
}
