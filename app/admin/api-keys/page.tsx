import type { Metadata } from "next";
import { StatusBadge } from "@/components/ui/badge";
import { RecordActionButton } from "@/components/admin/record-action-button";
import { retryIntegratorCallbackAsAdmin } from "@/server/hosted-link/actions";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono, PageHeader, SectionTitle } from "@/components/ui/page-header";
import { TableCard, Td } from "@/components/ui/table";
import { CreateApiKeyForm } from "@/components/hosted-link/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/hosted-link/revoke-api-key-button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format/admin";
import { listIntegratorCallbacks } from "@/server/hosted-link/callback-deliveries";
import { listApiKeys } from "@/server/api-keys/manage-api-keys";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "API keys · Admin" };

// Columns a phone leaves out; what they hold folds under the name there.
const mdOnly = (label: string) => ({ label, className: "hidden md:table-cell" });
const lgOnly = (label: string) => ({ label, className: "hidden lg:table-cell" });

function RetryCallbackButton({ id }: { id: string }) {
  return <RecordActionButton action={retryIntegratorCallbackAsAdmin} field="callbackId" id={id} label="Retry now" pendingLabel="Sending…" />;
}

export default async function AdminApiKeysPage() {
  await requireAdmin("/admin/api-keys");
  const [keys, callbacks] = await Promise.all([listApiKeys(), listIntegratorCallbacks()]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        description="Integrators' backends mint hosted linking URLs with these keys. A key only sends people back to its own redirect URIs."
      />
      <Card className="space-y-4">
        <SectionTitle>New key</SectionTitle>
        <CreateApiKeyForm />
      </Card>
      <section className="space-y-3" aria-label="Keys">
        <SectionTitle count={keys.length}>Keys</SectionTitle>
        {/* Phones get the columns that matter (name, status, Revoke); the rest folds under the name. */}
        <TableCard
          caption="API keys"
          columns={[
            "Name",
            lgOnly("Key"),
            lgOnly("Redirect URIs"),
            mdOnly("Links per minute"),
            mdOnly("Links"),
            lgOnly("Created"),
            lgOnly("Last used"),
            "Status",
            { ...mdOnly("Actions"), srOnly: true },
          ]}
          empty={
            keys.length === 0 && (
              <EmptyState title="No API keys yet">Create one above for each app that links bank accounts through Linkwell.</EmptyState>
            )
          }
        >
          {keys.map((key) => (
            <tr key={key.id} data-testid="api-key-row" data-prefix={key.prefix} data-revoked={Boolean(key.revokedAt)}>
              <Td className="min-w-32 font-medium text-slate-900">
                {key.name}
                {key.webhookUrl && (
                  <div className="mt-1 text-xs font-normal [overflow-wrap:anywhere] text-slate-500" data-testid="api-key-callback">
                    Callback: {key.webhookUrl}
                  </div>
                )}
                <dl className="mt-1 space-y-0.5 text-xs font-normal text-slate-600 lg:hidden">
                  <div>
                    <dt className="inline">Key: </dt>
                    <dd className="inline font-mono">{key.prefix}…</dd>
                  </div>
                  <div>
                    <dt className="inline">Redirects: </dt>
                    <dd className="inline font-mono [overflow-wrap:anywhere]">{key.redirectUris.join(", ")}</dd>
                  </div>
                  <div className="md:hidden">
                    <dt className="inline">Limit: </dt>
                    <dd className="inline">{key.mintsPerMinute} links a minute · {key.tokenCount} minted</dd>
                  </div>
                  <div>
                    <dt className="inline">Created: </dt>
                    <dd className="inline">
                      {formatDateTime(key.createdAt)} · last used {formatDateTime(key.lastUsedAt)}
                    </dd>
                  </div>
                </dl>
              </Td>
              <Td className="hidden whitespace-nowrap lg:table-cell">
                <code className="font-mono text-xs text-slate-700">{key.prefix}…</code>
              </Td>
              <Td className="hidden lg:table-cell">
                <ul className="space-y-0.5">
                  {key.redirectUris.map((uri) => (
                    <li key={uri}>
                      <Mono>{uri}</Mono>
                    </li>
                  ))}
                </ul>
              </Td>
              <Td className="hidden tabular-nums md:table-cell">
                {key.mintsPerMinute}
              </Td>
              <Td className="hidden tabular-nums md:table-cell">{key.tokenCount}</Td>
              <Td className="hidden whitespace-nowrap lg:table-cell">
                {formatDateTime(key.createdAt)}
                {key.createdBy && <div className="text-xs text-slate-500">{key.createdBy}</div>}
              </Td>
              <Td className="hidden whitespace-nowrap lg:table-cell">{formatDateTime(key.lastUsedAt)}</Td>
              <Td>
                {key.revokedAt ? (
                  <span title={`Revoked ${formatDateTime(key.revokedAt)}`}>
                    <StatusBadge status="revoked" />
                  </span>
                ) : (
                  <StatusBadge status="active" />
                )}
                {/* On phones the button sits under the status: a column of its own does not fit. */}
                <div className="mt-2 md:hidden">
                  <RevokeApiKeyButton id={key.id} name={key.name} revoked={Boolean(key.revokedAt)} />
                </div>
              </Td>
              <Td className="hidden text-right md:table-cell">
                <RevokeApiKeyButton id={key.id} name={key.name} revoked={Boolean(key.revokedAt)} />
              </Td>
            </tr>
          ))}
        </TableCard>
      </section>
      <section className="space-y-3" aria-label="Callbacks">
        <SectionTitle count={callbacks.rows.length}>Callbacks</SectionTitle>
        <p className="text-sm text-slate-600">
          Each finished hosted link is posted to its key&apos;s callback URL and retried for about nine hours.
          {callbacks.givenUp > 0 && (
            <strong className="font-medium text-red-700"> {callbacks.givenUp} given up: retry them once the integrator is back.</strong>
          )}
        </p>
        <TableCard
          caption="Integrator callbacks"
          columns={[
            "Link session",
            mdOnly("Key"),
            lgOnly("Endpoint"),
            "Status",
            "Tries",
            lgOnly("Last error"),
            mdOnly("Next try or delivered"),
            { ...mdOnly("Actions"), srOnly: true },
          ]}
          empty={
            callbacks.rows.length === 0 && (
              <EmptyState title="No callbacks yet">They appear here when a hosted link finishes for a key with a callback URL.</EmptyState>
            )
          }
        >
          {callbacks.rows.map((callback) => {
            const when =
              callback.state === "delivered"
                ? formatDateTime(callback.deliveredAt)
                : callback.state === "given_up"
                  ? "—"
                  : formatDateTime(callback.nextAttemptAt);
            return (
              <tr key={callback.id} data-testid="callback-row" data-link-session={callback.linkSessionId}>
                <Td className="min-w-36">
                  <Mono>{callback.linkSessionId}</Mono>
                  <div className="mt-1 space-y-0.5 text-xs text-slate-600 lg:hidden">
                    <div className="md:hidden">{callback.apiKey.name}</div>
                    <div className="font-mono [overflow-wrap:anywhere]">{callback.endpoint}</div>
                    {callback.lastError && <div className="text-red-700">{callback.lastError}</div>}
                    <div className="md:hidden">{callback.state === "delivered" ? `Delivered ${when}` : `Next try ${when}`}</div>
                  </div>
                  {callback.state !== "delivered" && (
                    <div className="mt-2 md:hidden">
                      <RetryCallbackButton id={callback.id} />
                    </div>
                  )}
                </Td>
                <Td className="hidden whitespace-nowrap md:table-cell">{callback.apiKey.name}</Td>
                <Td className="hidden lg:table-cell">
                  <span className="font-mono text-xs [overflow-wrap:anywhere] text-slate-700">{callback.endpoint}</span>
                </Td>
                <Td>
                  <StatusBadge status={callback.state} />
                </Td>
                <Td className="tabular-nums">{callback.attempts}</Td>
                <Td className="hidden text-sm text-slate-600 lg:table-cell">{callback.lastError ?? "—"}</Td>
                <Td className="hidden whitespace-nowrap md:table-cell">{when}</Td>
                <Td className="hidden text-right md:table-cell">{callback.state !== "delivered" && <RetryCallbackButton id={callback.id} />}</Td>
              </tr>
            );
          })}
        </TableCard>
      </section>
    </div>
  );
}
