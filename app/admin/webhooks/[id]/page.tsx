import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/admin/audit-table";
import { StatusBadge } from "@/components/ui/badge";
import { Facts, Mono, PageHeader, SectionTitle } from "@/components/ui/page-header";
import { ReprocessButton } from "@/components/admin/reprocess-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/admin/format";
import { accountTitle } from "@/lib/format/account-title";
import { getWebhookEvent } from "@/lib/admin/webhook-events";
import { requireAdmin } from "@/lib/auth/session";

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
          <ReprocessButton eventId={event.id} />
        </Card>
      </div>
      <section className="space-y-3" aria-labelledby="payload">
        <div id="payload">
          <SectionTitle>Payload</SectionTitle>
        </div>
        <pre className="max-h-[32rem] overflow-auto rounded-2xl bg-slate-900 p-4 text-xs leading-relaxed text-slate-100 shadow-sm" tabIndex={0} aria-label="Event payload (JSON)">
          {JSON.stringify(event.payload, null, 2)}
        </pre>
      </section>
      {audit.length > 0 && (
        <section className="space-y-3" aria-labelledby="event-audit">
          <div id="event-audit">
            <SectionTitle count={audit.length}>Audit entries</SectionTitle>
          </div>
          <AuditTable entries={audit.map((entry) => ({ ...entry, subject: null }))} caption="Audit entries for this event" />
        </section>
      )}
    </div>
  );
}
