import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, SectionTitle } from "@/components/ui/page-header";
import { TableCard, Td } from "@/components/ui/table";
import { CreateIntegrationForm } from "@/components/integrations/create-integration-form";
import { formatDateTime } from "@/lib/format/admin";
import { countOf } from "@/lib/format/words";
import { requireAdmin } from "@/server/auth/guards";
import { listIntegrations } from "@/server/integrations/manage-integrations";

export const metadata: Metadata = { title: "Integrations · Admin" };

// Columns a phone leaves out; what they hold folds under the name there.
const mdOnly = (label: string) => ({ label, className: "hidden md:table-cell" });
const lgOnly = (label: string) => ({ label, className: "hidden lg:table-cell" });

function FailingBadge({ count }: { count: number }) {
  if (count === 0) return <span className="text-slate-500">—</span>;
  return (
    // Short enough for a phone's column; the heading ("Webhooks") and the title say what fails.
    <span title={`${countOf(count, "delivery", "deliveries")} tried and not delivered yet`}>
      <Badge tone="amber" className="gap-1">
        <span aria-hidden>⚠</span>
        {count.toLocaleString("en-US")} failing
      </Badge>
    </span>
  );
}

export default async function AdminIntegrationsPage() {
  await requireAdmin("/admin/integrations");
  const integrations = await listIntegrations();

  return (
    <div className="space-y-6">
      <PageHeader
        title="Integrations"
        description="Apps whose backends link bank accounts for their users: their API keys, redirect URIs and webhook endpoints."
      />
      <Card className="space-y-4">
        <SectionTitle>New integration</SectionTitle>
        <CreateIntegrationForm />
      </Card>
      <section className="space-y-3" aria-label="Integrations">
        <SectionTitle count={integrations.length}>Integrations</SectionTitle>
        {/* Phones get the name and webhook health; the rest folds under the name. */}
        <TableCard
          caption="Integrations"
          columns={["Name", mdOnly("Active keys"), mdOnly("Users"), mdOnly("Endpoints"), "Webhooks", lgOnly("Last used"), lgOnly("Created")]}
          empty={
            integrations.length === 0 && (
              <EmptyState title="No integrations yet">Create one above for each app that links bank accounts through Linkwell, then add its API keys.</EmptyState>
            )
          }
        >
          {integrations.map((integration) => (
            <tr key={integration.id} data-testid="integration-row" data-name={integration.name}>
              <Td className="min-w-36 font-medium text-slate-900">
                <Link href={`/admin/integrations/${integration.id}`} className="text-brand-700 hover:underline">
                  {integration.name}
                </Link>
                <dl className="mt-1 space-y-0.5 text-xs font-normal text-slate-600 lg:hidden">
                  <div className="md:hidden">
                    <dt className="sr-only">Keys, users and endpoints: </dt>
                    <dd>
                      {countOf(integration.activeKeys, "active key")} · {countOf(integration.users, "user")} · {countOf(integration.endpoints, "endpoint")}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline">Last used: </dt>
                    <dd className="inline">{formatDateTime(integration.lastUsedAt)}</dd>
                  </div>
                  <div>
                    <dt className="inline">Created: </dt>
                    <dd className="inline">{formatDateTime(integration.createdAt)}</dd>
                  </div>
                </dl>
              </Td>
              <Td className="hidden tabular-nums md:table-cell">{integration.activeKeys}</Td>
              <Td className="hidden tabular-nums md:table-cell">{integration.users}</Td>
              <Td className="hidden tabular-nums md:table-cell">{integration.endpoints}</Td>
              <Td>
                <FailingBadge count={integration.failingDeliveries} />
              </Td>
              <Td className="hidden whitespace-nowrap lg:table-cell">{formatDateTime(integration.lastUsedAt)}</Td>
              <Td className="hidden whitespace-nowrap lg:table-cell">{formatDateTime(integration.createdAt)}</Td>
            </tr>
          ))}
        </TableCard>
      </section>
    </div>
  );
}
