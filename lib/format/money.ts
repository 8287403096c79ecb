// Client-safe money formatting. Amounts are integer minor units (BigInt in the database) and
// are turned into a decimal string only for display, so no balance is ever rounded by a float.

/** Minor units as an exact decimal string ("-1234.5" style), never through a float. */
export function minorToDecimal(minor: bigint, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = minor < BigInt(0);
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = digits ? abs.slice(0, -digits) : abs;
  const fraction = digits ? `.${abs.slice(-digits)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

const digitCache = new Map<string, number>();
function currencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en-US", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitCache.set(code, digits);
  }
  return digits;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "$1,234.56" from integer minor units and an ISO currency; exact for any size. */
export function formatMoney(amount: bigint | string | null | undefined, currency: string | null | undefined): string {
  const minor = amount === null || amount === undefined ? amount : BigInt(amount);
  if (minor === null || minor === undefined || !currency) return "—";
  const code = currency.toUpperCase();
  let format = moneyFormats.get(code);
  if (!format) {
    try {
      format = new Intl.NumberFormat("en-US", { style: "currency", currency: code });
    } catch {
      return `${minorToDecimal(minor, code)} ${code}`;
    }
    moneyFormats.set(code, format);
  }
  // Intl formats decimal strings exactly (no float rounding for large balances).
  return format.format(minorToDecimal(minor, code) as `${number}`);
}
