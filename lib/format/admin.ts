// Formatting shared by admin pages and the CSV export. Client-safe (no server imports).

export { formatMoney, minorToDecimal } from "@/lib/format/money";

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function formatDateTime(date: Date | null | undefined): string {
  return date ? `${dateTime.format(date)} UTC` : "—";
}

export function formatDate(date: Date | null | undefined): string {
  return date ? dateOnly.format(date) : "—";
}

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

export function formatPercent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}
