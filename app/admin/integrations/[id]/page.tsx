import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddEndpointForm } from "@/components/integrations/add-endpoint-form";
import { AddKeyForm } from "@/components/integrations/add-key-form";
import { IntegrationKeysTable } from "@/components/integrations/integration-keys-table";
import { RedirectUrisForm } from "@/components/integrations/redirect-uris-form";
import { WebhookDeliveriesTable } from "@/components/integrations/webhook-deliveries-table";
import { WebhookEndpointsTable } from "@/components/integrations/webhook-endpoints-table";
import { Card } from "@/components/ui/card";
import { Mono, PageHeader, SectionTitle, TitledSection } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format/admin";
import { countOf } from "@/lib/format/words";
import { requireAdmin } from "@/server/auth/guards";
import { API_SCOPES } from "@/server/integrations/api/scopes";
import { getIntegration, ROTATION_GRACE_HOURS } from "@/server/integrations/manage-integrations";
import { DELIVERY_PAGE_SIZE, listEndpointsAndDeliveries } from "@/server/integrations/webhooks/manage-endpoints";

export const metadata: Metadata = { title: "Integration · Admin" };

type Props = { params: Promise<{ id: string }> };

export default async function AdminIntegrationPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin(`/admin/integrations/${encodeURIComponent(id)}`);
  const [integration, { endpoints, deliveries }] = await Promise.all([getIntegration(id), listEndpointsAndDeliveries(id)]);
  if (!integration) notFound();

  return (
    <div className="space-y-6">
      <Link href="/admin/integrations" className="text-sm text-brand-700 hover:underline">
        ← Integrations
      </Link>
      <PageHeader
        title={integration.name}
        description={
          <>
            {countOf(integration.users, "user")} · created {formatDateTime(integration.createdAt)} · <Mono>{integration.id}</Mono>
          </>
        }
      />
      <Card className="space-y-3">
        <SectionTitle>Redirect URIs</SectionTitle>
        <RedirectUrisForm integrationId={integration.id} redirectUris={integration.redirectUris} />
      </Card>

      <TitledSection id="integration-keys" title="API keys" count={integration.apiKeys.length}>
        <Card className="space-y-4">
          <SectionTitle>New key</SectionTitle>
          <AddKeyForm integrationId={integration.id} scopes={API_SCOPES} />
        </Card>
        <IntegrationKeysTable keys={integration.apiKeys} graceHours={ROTATION_GRACE_HOURS} />
      </TitledSection>

      <TitledSection id="integration-endpoints" title="Webhook endpoints" count={endpoints.length}>
        <Card className="space-y-4">
          <SectionTitle>Add endpoint</SectionTitle>
          <AddEndpointForm integrationId={integration.id} />
        </Card>
        <WebhookEndpointsTable endpoints={endpoints} />
      </TitledSection>

      <TitledSection id="integration-deliveries" title="Deliveries" count={deliveries.length}>
        <p className="text-sm text-slate-600">
          The latest {DELIVERY_PAGE_SIZE}. A failed delivery is retried with backoff for about a day, then given up: resend it once the endpoint is back.
        </p>
        <WebhookDeliveriesTable deliveries={deliveries} />
      </TitledSection>
    </div>
  );
}
