// Client-safe formatting. Amounts are integer minor units (BigInt in the database, sent to the
// browser as strings) and are only turned into a decimal for display.

function fractionDigits(currency: string): number {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMinorUnits(amount: bigint | string | number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || !currency) return "—";
  const code = currency.toUpperCase();
  const minor = BigInt(amount);
  const digits = fractionDigits(code);
  const major = Number(minor) / 10 ** digits;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: code, minimumFractionDigits: digits }).format(major);
}
