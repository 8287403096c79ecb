import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiBasics } from "@/components/docs/api-basics";
import { apiReference, operationAnchor, type ApiReference } from "@/components/docs/api-reference-model";
import { ApiRequestRules } from "@/components/docs/api-request-rules";
import { Code } from "@/components/docs/code-block";
import { DocSection, Prose } from "@/components/docs/doc-section";
import { ObjectSection } from "@/components/docs/object-section";
import { OperationSection } from "@/components/docs/operation-section";
import { TableOfContents, type TocEntry } from "@/components/docs/table-of-contents";
import { WebhooksSection } from "@/components/docs/webhooks-section";
import { env } from "@/server/env";
import { appOriginOfPage } from "@/server/hosted-link/config";
import { openApiDocument } from "@/server/integrations/api/openapi";
import { operations } from "@/server/integrations/api/operations";

export const metadata: Metadata = {
  title: "API reference",
  description: "The Linkwell integrator API: hosted links, accounts, transactions, refreshes, pay by bank, webhooks.",
};

function contents(reference: ApiReference): TocEntry[] {
  return [
    {
      href: "#overview",
      label: "Getting started",
      children: [
        { href: "#authentication", label: "Authentication and scopes" },
        { href: "#errors", label: "Errors" },
        { href: "#pagination", label: "Pagination" },
        { href: "#idempotency", label: "Idempotent retries" },
        { href: "#rate-limits", label: "Rate limits" },
        { href: "#request-ids", label: "Request ids" },
      ],
    },
    { href: "#endpoints", label: "Endpoints", children: reference.operations.map((op) => ({ href: `#${op.anchor}`, label: op.summary })) },
    { href: "#objects", label: "Objects", children: reference.objects.map((o) => ({ href: `#${o.anchor}`, label: o.name })) },
    {
      href: "#webhooks",
      label: "Webhooks",
      children: [
        { href: "#webhook-signatures", label: "Verifying signatures" },
        { href: "#webhook-retries", label: "Answers and retries" },
        { href: "#webhook-events", label: "Event types" },
      ],
    },
  ];
}

// Public: integrators read it before they have an account. Everything about the operations is
// generated from the registry and the OpenAPI document the API itself serves.
export default async function ApiReferencePage() {
  const origin = appOriginOfPage(await headers());
  const reference = apiReference(Object.values(operations), openApiDocument(origin));
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-3">
        <p className="text-sm font-semibold tracking-wider text-brand-600 uppercase">Integrator API v1</p>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">Linkwell API reference</h1>
        <p className="text-base leading-7 text-slate-600">
          Mint hosted links for your users, then read the bank accounts they link: balances, owners and transactions. Refresh them, disconnect them,
          charge them by bank debit once the person authorizes it, and hear about changes through webhooks.
        </p>
      </header>

      <div className="gap-10 lg:grid lg:grid-cols-[13rem_minmax(0,1fr)]">
        <TableOfContents entries={contents(reference)} />
        <div className="mt-8 min-w-0 space-y-14 lg:mt-0">
          <DocSection id="overview" title="Getting started">
            <Prose>
              <p>
                Base URL: <Code>{reference.baseUrl}</Code>. Requests and answers are JSON. Amounts are integers in minor units (cents); times are
                ISO 8601 in UTC; ids are opaque strings.
              </p>
              <p>
                The same API as an OpenAPI 3.1 document, to generate a client or import into your tools:{" "}
                <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
              </p>
            </Prose>
            <div className="space-y-10 pt-2">
              <ApiBasics reference={reference} />
              <ApiRequestRules
                requestsPerMinute={env().API_REQUESTS_PER_MINUTE}
                listAnchor={operationAnchor(operations.listUserAccounts.id)}
                syncAnchor={operationAnchor(operations.syncTransactions.id)}
              />
            </div>
          </DocSection>

          <DocSection id="endpoints" title="Endpoints">
            {reference.operations.map((op) => (
              <OperationSection key={op.id} op={op} commonErrors={reference.commonErrors} />
            ))}
          </DocSection>

          <DocSection id="objects" title="Objects" className="space-y-10">
            {reference.objects.map((object) => (
              <ObjectSection key={object.name} object={object} />
            ))}
          </DocSection>

          <WebhooksSection />
        </div>
      </div>
    </div>
  );
}
