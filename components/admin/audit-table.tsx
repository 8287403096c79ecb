import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { TableCard, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/admin";

export type AuditEntryView = {
  id: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  metadata: unknown;
  createdAt: Date;
  actor: { id: string; email: string | null } | null;
  subject: { id: string; email: string | null } | null;
};

function targetHref(entry: AuditEntryView): string | null {
  if (!entry.targetId) return null;
  if (entry.targetType === "linked_account") return `/admin/accounts/${entry.targetId}`;
  if (entry.targetType === "user") return `/admin/users/${entry.targetId}`;
  if (entry.targetType === "webhook_event") return `/admin/webhooks/${entry.targetId}`;
  if (entry.targetType === "integrator_callback") return "/admin/api-keys";
  return null;
}

function details(metadata: unknown): string | null {
  if (!metadata || typeof metadata !== "object") return null;
  return Object.entries(metadata as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

/** Who did what to whom, when, and why. */
export function AuditTable({ entries, caption }: { entries: AuditEntryView[]; caption: string }) {
  return (
    <TableCard
      caption={caption}
      columns={["When", "Who", "Action", "Whom", "Reason and details"]}
      empty={entries.length === 0 && <EmptyState title="No audit entries" />}
    >
      {entries.map((entry) => {
        const href = targetHref(entry);
        const extra = details(entry.metadata);
        return (
          <tr key={entry.id} data-testid="audit-entry">
            <Td className="whitespace-nowrap text-slate-600">{formatDateTime(entry.createdAt)}</Td>
            <Td>
              {entry.actor ? (
                <Link href={`/admin/users/${entry.actor.id}`} className="hover:underline">
                  {entry.actor.email ?? entry.actor.id}
                </Link>
              ) : (
                "—"
              )}
            </Td>
            <Td>
              {href ? (
                <Link href={href} className="font-mono text-xs text-brand-700 hover:underline">
                  {entry.action}
                </Link>
              ) : (
                <span className="font-mono text-xs">{entry.action}</span>
              )}
            </Td>
            <Td>
              {entry.subject ? (
                <Link href={`/admin/users/${entry.subject.id}`} className="hover:underline">
                  {entry.subject.email ?? entry.subject.id}
                </Link>
              ) : (
                "—"
              )}
            </Td>
            <Td className="max-w-md break-words">
              {entry.reason ?? (extra ? null : "—")}
              {extra && <div className="text-xs text-slate-500">{extra}</div>}
            </Td>
          </tr>
        );
      })}
    </TableCard>
  );
}
