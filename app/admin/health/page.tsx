import type { Metadata } from "next";
import { headers } from "next/headers";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { TableCard, Td } from "@/components/ui/table";
import { requireAdmin } from "@/server/auth/guards";
import { runDeploymentChecks, summarize } from "@/server/doctor/run-deployment-checks";
import { env } from "@/server/env";

export const metadata: Metadata = { title: "Health · Admin" };

export default async function AdminHealthPage() {
  await requireAdmin("/admin/health");
  const requestHost = (await headers()).get("host") ?? undefined;
  const e = env();
  const checks = await runDeploymentChecks({ env: e, production: e.NODE_ENV === "production", now: new Date(), ...(requestHost && { requestHost }) });
  const { pass, warn, fail } = summarize(checks);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Deployment health"
        description={
          <>
            This deployment, checked the way Stripe asks integrators to check theirs, each finding with what to fix. The same checks run in{" "}
            <code className="text-xs">npm run doctor</code>, which fails a deploy on any failed check.
          </>
        }
      />
      <p className="flex flex-wrap gap-2 text-sm" data-testid="health-summary">
        <Badge tone="green">{pass} passed</Badge>
        <Badge tone="amber">{warn} warnings</Badge>
        <Badge tone="red">{fail} failed</Badge>
        <span className="text-slate-500">{e.NODE_ENV === "production" ? "Production rules." : "Development rules: what production needs shows as a warning."}</span>
      </p>
      <TableCard
        caption="Deployment checks"
        columns={["Check", "Status", "Finding", "Remedy"]}
      >
        {checks.map((c) => (
          <tr key={c.id} data-testid="health-check" data-check={c.id} data-status={c.status}>
            <Td className="font-medium whitespace-nowrap text-slate-900">
              {c.title}
              <div className="font-mono text-xs font-normal text-slate-500">{c.id}</div>
            </Td>
            <Td>
              <StatusBadge status={c.status} />
            </Td>
            <Td className="max-w-md break-words text-slate-700">{c.message}</Td>
            <Td className={`max-w-sm break-words ${c.status === "pass" ? "text-slate-400" : "text-slate-900"}`}>{c.remedy}</Td>
          </tr>
        ))}
      </TableCard>
    </div>
  );
}
