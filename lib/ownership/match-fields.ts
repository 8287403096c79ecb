// Compares the holder's email, phone and address with an owner's, field by field.
import type { FieldComparison } from "./match-name";
import { normalizeEmail, normalizePhone, normalizeText, samePhoneNumber } from "./normalize";

export interface HolderAddress {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

const NO_DATA = (what: string): FieldComparison => ({ result: "no_data", score: 0, reason: `There is no ${what} on both sides to compare.` });

/** "jane.doe@gmail.com" -> ["janedoe", "gmail.com"]: the local part without dots, which Gmail ignores. */
function splitEmail(email: string): [string, string] {
  const at = email.lastIndexOf("@");
  return [email.slice(0, at).replaceAll(".", ""), email.slice(at + 1)];
}

/** Same mailbox (after `normalizeEmail`) is a match; the same name before the @ elsewhere is partial. */
export function compareEmails(holder: string | null | undefined, owner: string | null | undefined): FieldComparison {
  const a = normalizeEmail(holder);
  const b = normalizeEmail(owner);
  if (!a || !b) return NO_DATA("email address");
  if (a === b) return { result: "match", score: 100, reason: "The email addresses match." };
  const [localA, domainA] = splitEmail(a);
  const [localB, domainB] = splitEmail(b);
  // jane.doe@gmail.com and jane.doe@yahoo.com: likely one person, but anyone can pick a name. (At
  // one domain, jane.doe and janedoe are two mailboxes: that is a plain difference.)
  if (domainA !== domainB && localA.length >= 4 && localA === localB) {
    return { result: "partial", score: 50, reason: "The email addresses share the name before the @ but not the domain." };
  }
  return { result: "no_match", score: 0, reason: "The email addresses differ." };
}

export function comparePhones(holder: string | null | undefined, owner: string | null | undefined): FieldComparison {
  const a = normalizePhone(holder);
  const b = normalizePhone(owner);
  if (!a || !b) return NO_DATA("phone number");
  return samePhoneNumber(a, b)
    ? { result: "match", score: 100, reason: "The phone numbers match." }
    : { result: "no_match", score: 0, reason: "The phone numbers differ." };
}

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

const US_STATES = new Map(Object.entries({
  alabama: "al", alaska: "ak", arizona: "az", arkansas: "ar", california: "ca", colorado: "co", connecticut: "ct",
  delaware: "de", "district of columbia": "dc", florida: "fl", georgia: "ga", hawaii: "hi", idaho: "id", illinois: "il",
  indiana: "in", iowa: "ia", kansas: "ks", kentucky: "ky", louisiana: "la", maine: "me", maryland: "md",
  massachusetts: "ma", michigan: "mi", minnesota: "mn", mississippi: "ms", missouri: "mo", montana: "mt", nebraska: "ne",
  nevada: "nv", "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm", "new york": "ny", "north carolina": "nc",
  "north dakota": "nd", ohio: "oh", oklahoma: "ok", oregon: "or", pennsylvania: "pa", "rhode island": "ri",
  "south carolina": "sc", "south dakota": "sd", tennessee: "tn", texas: "tx", utah: "ut", vermont: "vt", virginia: "va",
  washington: "wa", "west virginia": "wv", wisconsin: "wi", wyoming: "wy", "puerto rico": "pr", guam: "gu",
  "us virgin islands": "vi", "american samoa": "as", "northern mariana islands": "mp",
}));
/** Longest names first, so "west virginia" is found before "virginia". */
const STATE_NAMES = [...US_STATES.keys()].sort((a, b) => b.length - a.length);

const COUNTRIES = new Map(Object.entries({
  us: "us", usa: "us", "united states": "us", "united states of america": "us", america: "us",
  ca: "ca", can: "ca", canada: "ca", gb: "gb", uk: "gb", "united kingdom": "gb", "great britain": "gb", england: "gb",
  mx: "mx", mexico: "mx", ie: "ie", ireland: "ie", au: "au", australia: "au", de: "de", germany: "de", fr: "fr", france: "fr",
}));
/** Two-letter codes that are also US state codes: only a country when nothing else could be the state. */
const AMBIGUOUS_COUNTRY_CODES = new Set(["ca", "de"]);

/** USPS street suffixes and directionals, each written one way, so "Street" and "St." agree. */
const STREET_WORDS = new Map(Object.entries({
  street: "st", str: "st", avenue: "ave", av: "ave", road: "rd", boulevard: "blvd", boul: "blvd", drive: "dr", drv: "dr",
  lane: "ln", court: "ct", place: "pl", terrace: "ter", parkway: "pkwy", pky: "pkwy", highway: "hwy", circle: "cir",
  square: "sq", trail: "trl", crescent: "cres", alley: "aly", expressway: "expy", freeway: "fwy", heights: "hts",
  point: "pt", route: "rte", center: "ctr", centre: "ctr", plaza: "plz", mount: "mt", saint: "st", fort: "ft",
  north: "n", south: "s", east: "e", west: "w", northeast: "ne", northwest: "nw", southeast: "se", southwest: "sw",
  first: "1st", second: "2nd", third: "3rd", fourth: "4th", fifth: "5th", sixth: "6th", seventh: "7th", eighth: "8th",
  ninth: "9th", tenth: "10th",
}));
const SUFFIXES = new Set(["st", "ave", "rd", "blvd", "dr", "ln", "ct", "pl", "ter", "pkwy", "hwy", "cir", "sq", "trl", "cres", "aly", "expy", "fwy", "way", "loop", "row"]);
const DIRECTIONS = new Set(["n", "s", "e", "w", "ne", "nw", "se", "sw"]);
/** Words that start the unit part of a street line ("Apt 4"): the unit is not compared. */
const UNIT_WORDS = new Set(["apt", "apartment", "unit", "suite", "ste", "fl", "floor", "rm", "room", "bldg", "building", "lot", "dept"]);

interface Street {
  /** All its words in order, suffixes and directionals in their short forms. */
  words: string[];
  number: string | null;
  /** The street's name words without suffix and directionals: "N Main St" -> ["main"]. */
  core: string[];
  suffixes: string[];
  directions: string[];
}

/** Normalized words with suffixes and directionals in their short forms; "P.O. Box" as "pobox". */
function streetWords(text: string): string[] {
  const marked = text.replace(/#/g, " unit ").replace(/\bp\.?\s?o\.?\s+box\b/gi, "pobox").replace(/\bpost office box\b/gi, "pobox");
  return normalizeText(marked).split(" ").filter(Boolean).map((word) => STREET_WORDS.get(word) ?? word);
}

/** A street line's parts, the unit ("Apt 4", "#4") dropped: "123 North Main Street" -> 123 / main / st / n. */
function parseStreet(line: string): Street | null {
  const tokens = streetWords(line);
  const unitAt = tokens.findIndex((token, index) => index > 0 && UNIT_WORDS.has(token));
  const words = unitAt === -1 ? tokens : tokens.slice(0, unitAt);
  if (!words.length) return null;
  const [first = "", ...rest] = words;
  const hasNumber = /^\d+[a-z]?$/.test(first) || /^\d+-\d+$/.test(first);
  const named = hasNumber ? rest : words;
  return {
    words,
    number: hasNumber ? first : null,
    core: named.filter((word, index) => !(SUFFIXES.has(word) && index > 0) && !DIRECTIONS.has(word)),
    suffixes: named.filter((word, index) => SUFFIXES.has(word) && index > 0),
    directions: named.filter((word) => DIRECTIONS.has(word)),
  };
}

/** Same number and name; a suffix or directional may be missing on one side but may not differ. */
function sameStreet(a: Street, b: Street): boolean {
  const agree = (x: string[], y: string[]) => !x.length || !y.length || x.join(" ") === y.join(" ");
  return a.number === b.number && a.core.length > 0 && a.core.join(" ") === b.core.join(" ") && agree(a.suffixes, b.suffixes) && agree(a.directions, b.directions);
}

/** The comparable key of a postal code: a US ZIP's first 5 digits, else its letters and digits. */
function postalKey(postal: string | null | undefined): string | null {
  const compact = (postal ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
  if (!compact) return null;
  return /^\d{5}/.test(compact) ? compact.slice(0, 5) : compact;
}

function stateKey(state: string | null | undefined): string | null {
  const text = normalizeText(state ?? "");
  if (!text) return null;
  return US_STATES.get(text) ?? text;
}

/** A city's comparable form: "St. Louis" and "Saint Louis" agree. */
function cityKey(city: string | null | undefined): string | null {
  const text = normalizeText(city ?? "").replace(/^(?:saint|ste?) /, "st ").replace(/^mount /, "mt ").replace(/^fort /, "ft ");
  return text || null;
}

const countryKey = (country: string | null | undefined): string | null => {
  const text = normalizeText(country ?? "");
  return text ? (COUNTRIES.get(text) ?? text) : null;
};

interface ParsedAddress {
  /** The whole address as street words when it has no commas to split it by ("123 Main St Springfield IL"). */
  oneLine: string | null;
  street: Street | null;
  city: string | null;
  state: string | null;
  postal: string | null;
  country: string | null;
}

const POSTAL_PATTERNS = [
  /\b(\d{5})(?:-?\d{4})?\b/, // US ZIP / ZIP+4
  /\b([a-z]\d[a-z])\s?(\d[a-z]\d)\b/i, // Canada
  /\b([a-z]{1,2}\d[a-z\d]?)\s?(\d[a-z]{2})\b/i, // UK
];

/** Finds and removes the state at the end of a part ("San Francisco CA" -> "San Francisco", "ca"). */
function takeState(part: string): { rest: string; state: string | null } {
  const text = normalizeText(part);
  const name = STATE_NAMES.find((state) => text === state || text.endsWith(` ${state}`));
  if (name) return { rest: text.slice(0, text.length - name.length).trim(), state: US_STATES.get(name) ?? null };
  const last = text.split(" ").at(-1) ?? "";
  // Any two letters at the end: a US state, or elsewhere a province ("Toronto, ON M5H 1A1").
  if (/^[a-z]{2}$/.test(last)) {
    return { rest: text.slice(0, text.length - last.length).trim(), state: last };
  }
  return { rest: text, state: null };
}

/**
 * Reads Stripe's one-line address, "123 Main St, Apt 4, San Francisco, CA 94111, US": the street
 * is the first part; from the end come the country, the postal code with the state, and the city.
 */
function parseRawAddress(raw: string): ParsedAddress {
  const parts = raw.split(/[,\n;]/).map((part) => part.trim()).filter(Boolean);
  const parsed: ParsedAddress = { oneLine: null, street: null, city: null, state: null, postal: null, country: null };
  if (parts.length === 1) {
    const words = streetWords(parts[0] ?? "");
    // Without commas only the postal code can be found for sure: the last 5-digit number after the start.
    const zip = words.slice(1).findLast((word) => /^\d{5}(\d{4})?$/.test(word));
    return { ...parsed, oneLine: words.join(" "), postal: zip ? zip.slice(0, 5) : null };
  }
  const last = normalizeText(parts.at(-1) ?? "");
  // "…, CA" may be California or Canada: a country only when the part before it has the postal code.
  if (COUNTRIES.has(last) && (!AMBIGUOUS_COUNTRY_CODES.has(last) || /\d/.test(parts.at(-2) ?? ""))) {
    parsed.country = COUNTRIES.get(last) ?? null;
    parts.pop();
  }
  parsed.street = parts.length ? parseStreet(parts[0] ?? "") : null;
  // The postal code is after the street (whose number may have 5 digits too).
  for (let i = parts.length - 1; i >= 1 && !parsed.postal; i--) {
    for (const pattern of POSTAL_PATTERNS) {
      const found = pattern.exec(parts[i] ?? "");
      if (!found) continue;
      parsed.postal = postalKey(found.slice(1).join(""));
      parts[i] = (parts[i] ?? "").replace(found[0], " ").trim();
      if (!parts[i]) parts.splice(i, 1);
      break;
    }
  }
  // The state ends the last part left (or is that part); the city is what precedes it.
  if (parts.length > 1) {
    const { rest, state } = takeState(parts.at(-1) ?? "");
    parsed.state = state;
    if (state && rest) parsed.city = cityKey(rest);
    else if (state) parsed.city = parts.length > 2 ? cityKey(parts.at(-2)) : null;
    else parsed.city = cityKey(rest);
  }
  return parsed;
}

/**
 * Street plus (postal code or city and state) agreeing is a match; postal code or city and state
 * agreeing without the street, or the street alone, is partial. The unit (line2) is not compared:
 * banks often leave it out. Two known countries that differ are never a match.
 */
export function compareAddresses(holder: HolderAddress | null | undefined, ownerRaw: string | null | undefined): FieldComparison {
  const holderStreet = holder?.line1 ? parseStreet(holder.line1) : null;
  const holderPostal = postalKey(holder?.postalCode);
  const holderCity = cityKey(holder?.city);
  if (!ownerRaw?.trim() || (!holderStreet && !holderPostal && !holderCity)) return NO_DATA("address");
  const owner = parseRawAddress(ownerRaw);

  const holderCountry = countryKey(holder?.country);
  if (holderCountry && owner.country && holderCountry !== owner.country) {
    return { result: "no_match", score: 0, reason: "The addresses are in different countries." };
  }
  const street = !!holderStreet && (owner.oneLine !== null ? `${owner.oneLine} `.startsWith(`${holderStreet.words.join(" ")} `) : !!owner.street && sameStreet(holderStreet, owner.street));
  const postal = !!holderPostal && holderPostal === owner.postal;
  const holderState = stateKey(holder?.state);
  const cityAgrees = owner.oneLine !== null ? !!holderCity && ` ${owner.oneLine} `.includes(` ${holderCity} `) : !!holderCity && holderCity === owner.city;
  const city = cityAgrees && (!holderState || !owner.state || holderState === owner.state);

  if (street && postal && city) return { result: "match", score: 100, reason: "The street, postal code and city match." };
  if (street && postal) return { result: "match", score: 95, reason: "The street and postal code match." };
  if (street && city) return { result: "match", score: 90, reason: "The street and city match." };
  if (postal || city) {
    const where = postal ? "postal code" : "city";
    const reason = holderStreet && (owner.street || owner.oneLine) ? `The ${where} matches but the street differs.` : `The ${where} matches; there is no street to compare.`;
    return { result: "partial", score: postal ? 60 : 55, reason };
  }
  if (street) {
    const reason = holderPostal || holderCity ? "The street matches but the postal code and city differ." : "The street matches; there is no postal code or city to compare.";
    return { result: "partial", score: 50, reason };
  }
  return { result: "no_match", score: 0, reason: "The addresses differ." };
}
