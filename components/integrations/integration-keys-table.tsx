import { Fragment } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { TableCard, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/admin";
import { KeyStatus, keyState } from "./key-status";
import { RevokeApiKeyButton } from "@/components/hosted-link/revoke-api-key-button";
import { RotateKeyButton } from "./rotate-key-button";
import { lgOnly, mdOnly, PhoneActionsRow, xlOnly } from "./table-columns";

type Key = { id: string; name: string; prefix: string; scopes: string[]; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; expiresAt: Date | null };

/** Rotate and Revoke for one key: in their own column from md up, in a full-width row under the key on phones. */
function KeyActions({ apiKey, now, graceHours }: { apiKey: Key; now: Date; graceHours: number }) {
  const state = keyState(apiKey, now);
  return (
    <div className="flex flex-wrap items-start gap-2 md:flex-col md:items-end">
      {/* Only a working key not already rotated out is offered a rotation; one in its grace period can still be revoked, to cut it off now. */}
      <RotateKeyButton id={apiKey.id} name={apiKey.name} graceHours={graceHours} rotatable={state === "active"} />
      <RevokeApiKeyButton id={apiKey.id} name={apiKey.name} revoked={state === "revoked" || state === "expired"} />
    </div>
  );
}

/** An integration's keys, newest first: never their secrets, only the prefix that tells them apart. */
export function IntegrationKeysTable({ keys, graceHours }: { keys: Key[]; graceHours: number }) {
  const now = new Date();
  return (
    <TableCard
      caption="This integration's API keys"
      columns={["Name", lgOnly("Key"), mdOnly("Scopes"), lgOnly("Created"), xlOnly("Last used"), "Status", { ...mdOnly("Actions"), srOnly: true }]}
      empty={keys.length === 0 && <EmptyState title="No API keys yet">Create one above: the integration&apos;s backend needs it to call the API.</EmptyState>}
    >
      {keys.map((apiKey) => (
        <Fragment key={apiKey.id}>
          <tr data-testid="integration-key-row" data-prefix={apiKey.prefix} data-state={keyState(apiKey, now)}>
            <Td className="min-w-32 font-medium text-slate-900">
              {apiKey.name}
              <dl className="mt-1 space-y-0.5 text-xs font-normal text-slate-600 xl:hidden">
                <div className="lg:hidden">
                  <dt className="inline">Key: </dt>
                  <dd className="inline font-mono">{apiKey.prefix}…</dd>
                </div>
                <div className="md:hidden">
                  <dt className="inline">Scopes: </dt>
                  <dd className="inline font-mono">{apiKey.scopes.join(", ")}</dd>
                </div>
                <div className="lg:hidden">
                  <dt className="inline">Created: </dt>
                  <dd className="inline">{formatDateTime(apiKey.createdAt)}</dd>
                </div>
                <div>
                  <dt className="inline">Last used: </dt>
                  <dd className="inline">{formatDateTime(apiKey.lastUsedAt)}</dd>
                </div>
              </dl>
            </Td>
            <Td className="hidden whitespace-nowrap lg:table-cell">
              <code className="font-mono text-xs text-slate-700">{apiKey.prefix}…</code>
            </Td>
            <Td className="hidden md:table-cell">
              <span className="font-mono text-xs text-slate-700">{apiKey.scopes.join(", ")}</span>
            </Td>
            <Td className="hidden whitespace-nowrap lg:table-cell">{formatDateTime(apiKey.createdAt)}</Td>
            <Td className="hidden whitespace-nowrap xl:table-cell">{formatDateTime(apiKey.lastUsedAt)}</Td>
            <Td>
              <KeyStatus keyRow={apiKey} now={now} />
            </Td>
            <Td className="hidden text-right md:table-cell">
              <KeyActions apiKey={apiKey} now={now} graceHours={graceHours} />
            </Td>
          </tr>
          <PhoneActionsRow>
            <KeyActions apiKey={apiKey} now={now} graceHours={graceHours} />
          </PhoneActionsRow>
        </Fragment>
      ))}
    </TableCard>
  );
}
