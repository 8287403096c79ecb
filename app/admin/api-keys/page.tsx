import type { Metadata } from "next";
import { StatusBadge } from "@/components/admin/badges";
import { RetryCallbackButton } from "@/components/admin/retry-callback-button";
import { EmptyState, Mono, PageHeader, SectionTitle } from "@/components/admin/page-header";
import { TableCard, Td, Th } from "@/components/admin/table";
import { CreateApiKeyForm } from "@/components/hosted-link/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/hosted-link/revoke-api-key-button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/admin/format";
import { listIntegratorCallbacks } from "@/lib/admin/integrator-callbacks";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys · Admin" };

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
        <TableCard caption="API keys">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Redirect URIs</Th>
              <Th>Links</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {keys.length === 0 && (
              <tr>
                <td colSpan={8}>
                  <EmptyState title="No API keys yet">Create one above for each app that links bank accounts through Linkwell.</EmptyState>
                </td>
              </tr>
            )}
            {keys.map((key) => (
              <tr key={key.id} data-testid="api-key-row" data-prefix={key.prefix}>
                <Td className="font-medium text-slate-900">
                  {key.name}
                  {key.webhookUrl && <div className="mt-1 text-xs font-normal break-all text-slate-500">Callback: {key.webhookUrl}</div>}
                </Td>
                <Td className="whitespace-nowrap">
                  <code className="font-mono text-xs text-slate-700">{key.prefix}…</code>
                </Td>
                <Td>
                  <ul className="space-y-0.5">
                    {key.redirectUris.map((uri) => (
                      <li key={uri}>
                        <Mono>{uri}</Mono>
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td className="tabular-nums">{key.tokenCount}</Td>
                <Td className="whitespace-nowrap">
                  {formatDateTime(key.createdAt)}
                  {key.createdBy && <div className="text-xs text-slate-500">{key.createdBy}</div>}
                </Td>
                <Td className="whitespace-nowrap">{formatDateTime(key.lastUsedAt)}</Td>
                <Td>
                  {key.revokedAt ? (
                    <span title={`Revoked ${formatDateTime(key.revokedAt)}`}>
                      <StatusBadge status="revoked" />
                    </span>
                  ) : (
                    <StatusBadge status="active" />
                  )}
                </Td>
                <Td className="text-right">{!key.revokedAt && <RevokeApiKeyButton id={key.id} name={key.name} />}</Td>
              </tr>
            ))}
          </tbody>
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
        <TableCard caption="Integrator callbacks">
          <thead>
            <tr>
              <Th>Link session</Th>
              <Th>Key</Th>
              <Th>Endpoint</Th>
              <Th>Status</Th>
              <Th>Tries</Th>
              <Th>Last error</Th>
              <Th>Next try or delivered</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {callbacks.rows.length === 0 && (
              <tr>
                <td colSpan={8}>
                  <EmptyState title="No callbacks yet">They appear here when a hosted link finishes for a key with a callback URL.</EmptyState>
                </td>
              </tr>
            )}
            {callbacks.rows.map((callback) => (
              <tr key={callback.id} data-testid="callback-row" data-link-session={callback.linkSessionId}>
                <Td>
                  <Mono>{callback.linkSessionId}</Mono>
                </Td>
                <Td className="whitespace-nowrap">{callback.apiKey.name}</Td>
                <Td className="break-all">
                  <Mono>{callback.endpoint}</Mono>
                </Td>
                <Td>
                  <StatusBadge status={callback.state} />
                </Td>
                <Td className="tabular-nums">{callback.attempts}</Td>
                <Td className="text-sm text-slate-600">{callback.lastError ?? "—"}</Td>
                <Td className="whitespace-nowrap">
                  {callback.state === "delivered"
                    ? formatDateTime(callback.deliveredAt)
                    : callback.state === "given_up"
                      ? "—"
                      : formatDateTime(callback.nextAttemptAt)}
                </Td>
                <Td className="text-right">{callback.state !== "delivered" && <RetryCallbackButton callbackId={callback.id} />}</Td>
              </tr>
            ))}
          </tbody>
        </TableCard>
      </section>
    </div>
  );
}
