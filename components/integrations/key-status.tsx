import { Badge, StatusBadge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format/admin";

type Key = { revokedAt: Date | null; expiresAt: Date | null };

/** Whether the key works, as the API guard decides it: revoked, expired, or active (maybe only until its rotation ends). */
export function keyState(key: Key, now: Date): "revoked" | "expired" | "expiring" | "active" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return key.expiresAt ? "expiring" : "active";
}

export function KeyStatus({ keyRow, now }: { keyRow: Key; now: Date }) {
  const state = keyState(keyRow, now);
  if (state === "revoked")
    return (
      <span title={`Revoked ${formatDateTime(keyRow.revokedAt)}`}>
        <StatusBadge status="revoked" />
      </span>
    );
  if (state === "expired") return <Badge tone="slate">Expired</Badge>;
  if (state === "active") return <StatusBadge status="active" />;
  // Rotated out: it still works, and the date says until when (the integrator's deadline to deploy the new key).
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Badge tone="amber">Expires</Badge>
      <span className="text-xs text-slate-600">until {formatDateTime(keyRow.expiresAt)}</span>
    </span>
  );
}
