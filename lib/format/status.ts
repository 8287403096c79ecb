// The one vocabulary for states shown to people and admins alike. Browser-safe.
import { humanize } from "./words";

/** Words that say more than the stored value; every other state is shown as its words. */
const LABELS: Record<string, string> = {
  inactive: "Needs relink",
};

type Tone = "green" | "amber" | "red" | "blue" | "slate" | "brand";

const TONES: Record<string, Tone> = {
  active: "green",
  inactive: "amber",
  disconnected: "slate",
  succeeded: "green",
  processed: "green",
  pending: "blue",
  received: "blue",
  cancelled: "slate",
  ignored: "slate",
  failed: "red",
  delivered: "green",
  retrying: "amber",
  given_up: "red",
  revoked: "slate",
  pass: "green",
  warn: "amber",
  fail: "red",
  admin: "brand",
  user: "slate",
};

/** "inactive" -> "Needs relink"; "given_up" -> "Given up"; "active" -> "Active". */
export function statusLabel(status: string): string {
  return LABELS[status] ?? humanize(status);
}

export function statusTone(status: string): Tone {
  return TONES[status] ?? "slate";
}
