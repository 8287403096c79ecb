import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/admin/audit-table";
import { StatusBadge } from "@/components/ui/badge";
import { Facts, Mono, PageHeader, SectionTitle, TitledSection } from "@/components/ui/page-header";
import { RecordActionButton } from "@/components/admin/record-action-button";
import { reprocessWebhookEventAsAdmin } from "@/server/webhooks/actions";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format/admin";
import { accountTitle } from "@/lib/format/account-title";
import { getWebhookEvent } from "@/server/admin/webhook-events";
import { requireAdmin } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Webhook event · Admin" };

type Props = { params: Promise<{ id: string }> };

export default async function AdminWebhookEventPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/webhooks/${encodeURIComponent(id)}`);
  const detail = await getWebhookEvent(id);
  if (!detail) notFound();
  const { event, account, audit } = detail;

  return (
    <div className="space-y-6">
      <Link href="/admin/webhooks" className="text-sm text-brand-700 hover:underline">
        ← Webhook events
      </Link>
      <PageHeader title={event.type} description={<Mono>{event.stripeEventId}</Mono>} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="space-y-4 lg:col-span-2">
          <SectionTitle>Event</SectionTitle>
          <Facts
            items={[
              { label: "State", value: <StatusBadge status={event.state} /> },
              { label: "Signature", value: "Verified on receipt" },
              { label: "Attempts", value: event.attempts },
              { label: "Mode", value: event.livemode ? "live" : "test" },
              { label: "Created at Stripe", value: formatDateTime(event.stripeCreated) },
              { label: "Received", value: formatDateTime(event.receivedAt) },
              { label: "Processed", value: formatDateTime(event.processedAt) },
              { label: "Next try", value: nextTry(event) },
              {
                label: "About",
                value: account ? (
                  <Link href={`/admin/accounts/${account.id}`} className="text-brand-700 hover:underline">
                    {account.institutionName} · {accountTitle(account)}
                  </Link>
                ) : event.stripeObjectId ? (
                  <Mono>{event.stripeObjectId}</Mono>
                ) : (
                  "—"
                ),
              },
            ]}
          />
          {event.error && (
            <Alert tone="error" role="note">
              <p className="font-semibold">Error</p>
              <p className="mt-1 break-words whitespace-pre-wrap">{event.error}</p>
            </Alert>
          )}
        </Card>
        <Card className="space-y-3">
          <SectionTitle>Reprocess</SectionTitle>
          <p className="text-sm text-slate-600">
            Runs the stored event through the handlers again. Safe to repeat: the account state is read from Stripe, not from the event.
          </p>
          <RecordActionButton action={reprocessWebhookEventAsAdmin} field="eventId" id={event.id} label="Reprocess event" pendingLabel="Reprocessing…" />
        </Card>
      </div>
      <TitledSection id="payload" title="Payload">
        <pre className="max-h-[32rem] overflow-auto rounded-2xl bg-slate-900 p-4 text-xs leading-relaxed text-slate-100 shadow-sm" tabIndex={0} aria-label="Event payload (JSON)">
          {JSON.stringify(event.payload, null, 2)}
        </pre>
      </TitledSection>
      {audit.length > 0 && (
        <TitledSection id="event-audit" title="Audit entries" count={audit.length}>
          <AuditTable entries={audit.map((entry) => ({ ...entry, subject: null }))} caption="Audit entries for this event" />
        </TitledSection>
      )}
    </div>
  );
}

/** Where the event stands in the queue that applies it (server/webhooks/webhook-queue.ts). */
function nextTry(event: { state: string; nextAttemptAt: Date | null }): string {
  if (event.state === "processed" || event.state === "ignored") return "—";
  if (!event.nextAttemptAt) return "Given up after three days of retries: reprocess it to try again";
  return event.nextAttemptAt <= new Date() ? "Due now" : formatDateTime(event.nextAttemptAt);
}
