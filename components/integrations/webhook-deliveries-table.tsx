import { RecordActionButton } from "@/components/admin/record-action-button";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Mono } from "@/components/ui/page-header";
import { TableCard, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/admin";
import { resendWebhookDeliveryAsAdmin } from "@/server/integrations/webhooks/endpoint-actions";
import { lgOnly, mdOnly } from "./table-columns";

type Delivery = {
  id: string;
  eventId: string;
  type: string;
  endpoint: string;
  endpointDisabled: boolean;
  attempts: number;
  state: string;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
};

/** What the endpoint said last: the error while undelivered, else its status. */
function lastAnswer(d: Delivery): string {
  if (d.state !== "delivered" && d.lastError) return d.lastError;
  return d.lastStatus === null ? "—" : `HTTP ${d.lastStatus}`;
}

function ResendButton({ id }: { id: string }) {
  return <RecordActionButton action={resendWebhookDeliveryAsAdmin} field="deliveryId" id={id} label="Resend" pendingLabel="Sending…" />;
}

/** An integration's latest deliveries, newest first, each with Resend (a lost delivered one may be sent again too). */
export function WebhookDeliveriesTable({ deliveries }: { deliveries: Delivery[] }) {
  return (
    <TableCard
      caption="This integration's latest webhook deliveries"
      columns={["Event", lgOnly("Endpoint"), "State", mdOnly("Tries"), mdOnly("Last answer"), { ...mdOnly("Actions"), srOnly: true }]}
      empty={deliveries.length === 0 && <EmptyState title="No deliveries yet">Events show here once an endpoint is added and something happens, or a test event is sent.</EmptyState>}
    >
      {deliveries.map((delivery) => {
        // Only a delivery still owed has a next try; the date sits under its state.
        const nextTry = (delivery.state === "retrying" || delivery.state === "pending") && delivery.nextAttemptAt ? formatDateTime(delivery.nextAttemptAt) : null;
        return (
          <tr key={delivery.id} data-testid="webhook-delivery-row" data-type={delivery.type} data-state={delivery.state}>
            <Td className="min-w-44">
              <span className="font-mono text-xs font-semibold break-all text-slate-900 md:break-normal md:whitespace-nowrap">{delivery.type}</span>
              <div className="mt-1 space-y-0.5 text-xs text-slate-600">
                <div>
                  <Mono>{delivery.eventId}</Mono>
                </div>
                <div className="font-mono break-all lg:hidden">{delivery.endpoint}</div>
                <div className="md:hidden">
                  {countTries(delivery.attempts)} · {lastAnswer(delivery)}
                </div>
                <div>Created {formatDateTime(delivery.createdAt)}</div>
              </div>
            </Td>
            <Td className="hidden max-w-56 lg:table-cell">
              <Mono>{delivery.endpoint}</Mono>
            </Td>
            <Td>
              <StatusBadge status={delivery.state} />
              {nextTry && <div className="mt-1 text-xs text-slate-600">Next try {nextTry}</div>}
              {/* On phones Resend sits under the state: a column of its own does not fit. */}
              <div className="mt-2 md:hidden">
                {!delivery.endpointDisabled && <ResendButton id={delivery.id} />}
              </div>
            </Td>
            <Td className="hidden tabular-nums md:table-cell">{delivery.attempts}</Td>
            <Td className="hidden text-sm text-slate-600 md:table-cell">{lastAnswer(delivery)}</Td>
            <Td className="hidden text-right md:table-cell">
              {!delivery.endpointDisabled && <ResendButton id={delivery.id} />}
            </Td>
          </tr>
        );
      })}
    </TableCard>
  );
}

function countTries(attempts: number): string {
  return attempts === 1 ? "1 try" : `${attempts} tries`;
}
