// Normalization shared by the ownership matchers. Browser-safe: plain string work, no imports.

// Letters that NFD does not split into a base letter and a combining mark.
const UNSPLIT_LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

const NON_ASCII = /[^\x00-\x7f]/;

/** "José ØSTBERG" -> "jose ostberg": accents stripped (NFD, combining marks removed), case folded. */
export function foldCase(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase(); // the common case, several times faster
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => UNSPLIT_LETTERS[letter] ?? letter);
}

/**
 * Folded text with punctuation gone and whitespace collapsed: "O’Brien-Smith,  Jr." -> "obrien smith jr".
 * Apostrophes vanish without a space so that O'Brien and OBrien agree.
 */
export function normalizeText(text: string): string {
  return foldCase(text)
    .replace(/['’‘`´ʼ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/**
 * The mailbox an address delivers to, as far as we can tell: trimmed and lowercased, the +tag
 * dropped, and for Gmail the dots in the local part too (Gmail ignores them) and googlemail.com
 * read as gmail.com. Null when it is not an address.
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase() ?? "";
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return null;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = "gmail.com";
    local = local.replaceAll(".", "");
  }
  return local ? `${local}@${domain}` : null;
}

/**
 * A phone number as E.164-ish digits. With a known country code it starts with "+": "+14155550123"
 * (a bare 10-digit number is taken as US, as is 11 digits starting with 1; "00" and the US "011"
 * exit prefixes count as "+"). Without one it is the bare digits ("02079460958"), which
 * `samePhoneNumber` compares by their last 10 digits. Extensions are dropped. Null when fewer than
 * 7 digits remain.
 */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim().replace(/\s*(?:ext\.?|extension|x|#)\s*\d+$/i, "");
  let digits = text.replace(/\D/g, "");
  let international = text.startsWith("+");
  if (!international && digits.startsWith("00")) {
    digits = digits.slice(2);
    international = true;
  } else if (!international && digits.startsWith("011") && digits.length >= 12) {
    digits = digits.slice(3);
    international = true;
  }
  if (digits.length < 7) return null;
  if (international) return `+${digits}`;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1")) return `+${digits}`;
  return digits;
}

/**
 * Whether two normalized numbers are the same line. Two numbers with country codes must agree
 * exactly; when either lacks one (a national number such as 020 7946 0958), the last 10 digits
 * decide, since that is the part both writings share.
 */
export function samePhoneNumber(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith("+") && b.startsWith("+")) return false;
  const digitsA = a.replace(/\D/g, "");
  const digitsB = b.replace(/\D/g, "");
  if (digitsA.length < 10 || digitsB.length < 10) return digitsA === digitsB;
  return digitsA.slice(-10) === digitsB.slice(-10);
}

/** Whether `a` and `b` are at most one edit apart (insert, delete, substitute, or swap two neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
