import { Fragment } from "react";
import { RecordActionButton } from "@/components/admin/record-action-button";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TableCard, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/admin";
import { sendTestWebhookEventAsAdmin } from "@/server/integrations/webhooks/endpoint-actions";
import { DisableEndpointButton } from "./disable-endpoint-button";
import { SigningSecretDetails } from "./signing-secret-details";
import { mdOnly, PhoneActionsRow } from "./table-columns";

type Endpoint = { id: string; url: string; enabledEvents: string[]; createdAt: Date; disabledAt: Date | null; secret: string };

/** Send test event (its outcome under it: delivered with the status, or why not) and Disable. */
function EndpointActions({ endpoint }: { endpoint: Endpoint }) {
  return (
    <div className="flex flex-wrap items-start gap-2 md:flex-col md:items-end">
      {!endpoint.disabledAt && <RecordActionButton action={sendTestWebhookEventAsAdmin} field="endpointId" id={endpoint.id} label="Send test event" pendingLabel="Sending…" />}
      <DisableEndpointButton id={endpoint.id} url={endpoint.url} disabled={Boolean(endpoint.disabledAt)} />
    </div>
  );
}

/** An integration's webhook endpoints: URL (without its query string), events, signing secret on request, status. */
export function WebhookEndpointsTable({ endpoints }: { endpoints: Endpoint[] }) {
  return (
    <TableCard
      caption="This integration's webhook endpoints"
      columns={["URL", mdOnly("Events"), "Status", { ...mdOnly("Actions"), srOnly: true }]}
      empty={endpoints.length === 0 && <EmptyState title="No webhook endpoints">Add one above to tell the integrator&apos;s backend when links finish and accounts change.</EmptyState>}
    >
      {endpoints.map((endpoint) => {
        const allEvents = endpoint.enabledEvents.length === 0;
        return (
          <Fragment key={endpoint.id}>
            <tr data-testid="webhook-endpoint-row" data-url={endpoint.url} data-disabled={Boolean(endpoint.disabledAt)}>
              <Td className="min-w-48">
                <span className="font-mono text-xs break-all text-slate-900">{endpoint.url}</span>
                <div className="mt-1 space-y-0.5 text-xs text-slate-600">
                  <div className="md:hidden">Events: {allEvents ? "All events" : endpoint.enabledEvents.join(", ")}</div>
                  <div>Added {formatDateTime(endpoint.createdAt)}</div>
                </div>
                {/* A disabled endpoint gets nothing more to verify: its secret stays hidden. */}
                {!endpoint.disabledAt && (
                  <div className="mt-2">
                    <SigningSecretDetails secret={endpoint.secret} />
                  </div>
                )}
              </Td>
              <Td className="hidden max-w-64 md:table-cell">
                {allEvents ? (
                  <span className="text-sm text-slate-700">All events</span>
                ) : (
                  <ul className="space-y-0.5 font-mono text-xs text-slate-700">
                    {endpoint.enabledEvents.map((type) => (
                      <li key={type}>{type}</li>
                    ))}
                  </ul>
                )}
              </Td>
              <Td>
                <span title={endpoint.disabledAt ? `Disabled ${formatDateTime(endpoint.disabledAt)}` : undefined}>
                  <StatusBadge status={endpoint.disabledAt ? "disabled" : "active"} />
                </span>
              </Td>
              <Td className="hidden md:table-cell">
                <EndpointActions endpoint={endpoint} />
              </Td>
            </tr>
            <PhoneActionsRow>
              <EndpointActions endpoint={endpoint} />
            </PhoneActionsRow>
          </Fragment>
        );
      })}
    </TableCard>
  );
}
