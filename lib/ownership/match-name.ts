// Compares the account holder's name with an owner name from the bank. Precision comes first: a
// "match" can confirm ownership on its own, so anything short of the same given name (or a known
// nickname of it) and the same surname is at most "partial", and typos are never forgiven.
import { sameGivenName } from "./nicknames";
import { foldCase, withinOneEdit } from "./normalize";

export type FieldResult = "match" | "partial" | "no_match" | "no_data";

export interface FieldComparison {
  result: FieldResult;
  /** 0..100: match ~90–100, partial ~50–75, no_match ≤ 25, no_data 0. */
  score: number;
  /** One sentence in plain words, fit for the person and for an admin. */
  reason: string;
}

interface Person {
  kind: "person";
  /** Given name then middle names, as hyphen-split pieces: "Mary-Ann Lee" -> ["mary", "ann"]. */
  given: string[];
  /** Surname pieces: "Smith-Jones" -> ["smith", "jones"]; empty for a lone name ("Jane"). */
  surname: string[];
  /** The surname as written, for reasons: "Smith-Jones", "De La Cruz". */
  surnameText: string;
  /** Jr, Sr, II…: ignored unless both sides carry one and they differ (father and son). */
  generation: string | null;
  /** Read surname-first without a comma ("Doe Jane"), one of the readings we try. */
  reversed: boolean;
}

interface Business {
  kind: "business";
  /** The name's words without the entity words: "Acme Widgets, LLC" -> ["acme", "widgets"]. */
  words: string[];
}

type Party = Person | Business;

/** One way to read one person (or business) in a name string. */
interface Candidate {
  party: Party;
  /** How many people the whole string names ("Jane & John Doe": 2). */
  people: number;
}

interface Verdict {
  result: Exclude<FieldResult, "no_data">;
  score: number;
  /** A clause starting with a lowercase common word (never a name), so callers can embed it. */
  detail: string;
}

const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "rev", "fr", "sir", "dame", "hon", "capt", "sgt"]);
const GENERATIONS = new Map([["jr", "jr"], ["junior", "jr"], ["sr", "sr"], ["senior", "sr"], ["ii", "ii"], ["2nd", "ii"], ["iii", "iii"], ["3rd", "iii"], ["iv", "iv"], ["4th", "iv"]]);
/** Letters after a name, and account-title noise, that say nothing about who the person is. */
const POST_NOMINALS = new Set(["esq", "phd", "md", "dds", "dmd", "cpa", "rn", "mba", "jd", "dvm", "cfa", "jtwros"]);
/** Lowercase particles that belong to the surname after them: Ludwig van Beethoven, Ana de la Cruz. */
const PARTICLES = new Set(["van", "von", "de", "del", "della", "der", "den", "da", "di", "du", "la", "le", "st", "mc", "mac", "ter", "ten", "dos", "das", "bin", "ibn", "al", "el"]);
/**
 * Words that make a name a business, trust or estate rather than a person. Words that are also
 * common surnames (Church, Bank, Brothers) are left out: a person must never turn into a business.
 */
const BUSINESS_WORDS = new Set([
  "llc", "pllc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "gmbh",
  "pty", "trust", "estate", "foundation", "holdings", "group", "partners", "partnership", "associates", "enterprises",
  "ventures", "capital", "investments", "properties", "realty", "industries", "international", "global", "technologies",
  "labs", "systems", "agency", "services", "solutions", "consulting", "studio", "studios", "sons", "bros", "family",
]);
/** Words that do not distinguish one business name from another. */
const BUSINESS_FILLER = new Set(["the", "of", "and"]);

const JOINT_SEPARATOR = /\s*(?:&|\+|\/|\band\/or\b|\band\b|\bor\b)\s*/;
const ALIAS_MARKER = /\b(?:d\/b\/a|d\.b\.a|dba|a\/k\/a|a\.k\.a|aka|f\/k\/a|f\.k\.a|fka)\b\.?/g;

/** Folded, punctuation turned to spaces except the marks the parser reads: , & / + - and | (alias). */
function clean(raw: string): string {
  return foldCase(raw)
    .replace(/['’‘`´ʼ]/g, "")
    .replace(/\bl\.\s?l\.\s?c\b/g, "llc")
    .replace(/\bl\.\s?l\.\s?p\b/g, "llp")
    .replace(/\bl\.\s?p\b/g, "lp")
    .replace(ALIAS_MARKER, "|")
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/[^\p{L}\p{N}\s,&/+|-]/gu, " ")
    .replace(/\s*-\s*/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

const words = (text: string) => text.split(" ").filter(Boolean);
const pieces = (tokens: string[]) => tokens.flatMap((token) => token.split("-")).filter(Boolean);
const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
/** "smith-jones" -> "Smith-Jones". */
const titleCase = (tokens: string[]) => tokens.map((token) => token.split("-").map(capitalize).join("-")).join(" ");

function person(given: string[], surname: string[], generation: string | null, reversed = false): Person {
  return { kind: "person", given: pieces(given), surname: pieces(surname), surnameText: titleCase(surname), generation, reversed };
}

/** Drops leading titles and trailing suffixes, keeping the generation (Jr, III) it finds. */
function stripAffixes(tokens: string[]): { tokens: string[]; generation: string | null } {
  let start = 0;
  let end = tokens.length;
  let generation: string | null = null;
  while (start < end && TITLES.has(tokens[start] ?? "")) start++;
  while (end > start) {
    const last = tokens[end - 1] ?? "";
    const lastGeneration = GENERATIONS.get(last);
    if (lastGeneration) generation ??= lastGeneration;
    else if (!POST_NOMINALS.has(last)) break;
    end--;
  }
  return { tokens: tokens.slice(start, end), generation };
}

const isSuffixOnly = (tokens: string[]) => tokens.every((token) => GENERATIONS.has(token) || POST_NOMINALS.has(token));

/** "Jane Ann van Dyke": the surname is the last word plus the particles before it. */
function naturalPerson(tokens: string[], generation: string | null): Person {
  let start = tokens.length - 1;
  while (start > 1 && PARTICLES.has(tokens[start - 1] ?? "")) start--;
  return tokens.length === 1 ? person(tokens, [], generation) : person(tokens.slice(0, start), tokens.slice(start), generation);
}

/**
 * The readings of one person's part of the string (no joint separators left in it); `reversible`
 * adds the surname-first reading of a name without a comma.
 */
function readPerson(part: string, reversible: boolean): Person[] {
  const segments = part.split(",").map(words).filter((segment) => segment.length > 0);
  let generation: string | null = null;
  // "Jane Doe, Jr." / "Doe, Jane, PhD": a trailing segment of suffixes belongs to the whole name.
  while (segments.length > 1 && isSuffixOnly(segments[segments.length - 1] ?? [])) {
    const dropped = stripAffixes(segments.pop() ?? []);
    generation ??= dropped.generation;
  }
  if (segments.length === 2) {
    const surname = stripAffixes(segments[0] ?? []);
    const given = stripAffixes(segments[1] ?? []);
    generation = generation ?? surname.generation ?? given.generation;
    if (surname.tokens.length && given.tokens.length) {
      const readings = [person(given.tokens, surname.tokens, generation)];
      // "Jane Doe, John Doe": two full names, so the comma may separate people; try that too.
      if (surname.tokens.length > 1 && given.tokens.length > 1) {
        readings.push(naturalPerson(surname.tokens, generation), naturalPerson(given.tokens, generation));
      }
      return readings;
    }
  }
  // "Jane Doe, John Doe, Jim Doe": full names listed with commas.
  if (segments.length > 2 && segments.every((segment) => segment.length > 1)) {
    return segments.map((segment) => stripAffixes(segment)).filter((name) => name.tokens.length > 0).map((name) => naturalPerson(name.tokens, name.generation));
  }
  const stripped = stripAffixes(segments.flat());
  if (!stripped.tokens.length) return [];
  generation ??= stripped.generation;
  const natural = naturalPerson(stripped.tokens, generation);
  if (stripped.tokens.length < 2 || !reversible) return [natural];
  // "Doe Jane": without a comma the order is unknown, so also read the first word as the surname.
  const [first = "", ...rest] = stripped.tokens;
  return [natural, person(rest, [first], generation, true)];
}

function readBusiness(text: string): Business | null {
  const tokens = words(text.replace(/[,&/+-]/g, " "));
  if (!tokens.some((token) => BUSINESS_WORDS.has(token))) return null;
  return { kind: "business", words: tokens.filter((token) => !BUSINESS_WORDS.has(token) && !BUSINESS_FILLER.has(token)) };
}

/** Every reading of every person or business a name string names. */
function readName(raw: string, reversible: boolean): Candidate[] {
  const text = clean(raw);
  const parties: Party[][] = [];
  for (const alias of text.split("|")) {
    const business = readBusiness(alias);
    if (business) {
      parties.push([business]);
      continue;
    }
    const people = alias
      .split(JOINT_SEPARATOR)
      .map((part) => readPerson(part, reversible))
      .filter((readings) => readings.length > 0);
    // "Jane & John Doe": a lone given name takes the surname of the next person (else the previous).
    people.forEach((readings, index) => {
      const lone = readings[0];
      if (people.length < 2 || !lone || lone.surname.length > 0) return;
      const donor = [...people.slice(index + 1), ...people.slice(0, index).reverse()].find((other) => (other[0]?.surname.length ?? 0) > 0);
      if (donor?.[0]) readings[0] = { ...lone, surname: donor[0].surname, surnameText: donor[0].surnameText };
    });
    parties.push(...people);
  }
  const count = parties.length;
  return parties.flatMap((readings) => readings.map((party) => ({ party, people: count })));
}

type GivenRelation = "same" | "nickname" | "initial" | "different";

function relateGiven(a: string, b: string): GivenRelation {
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? "initial" : "different";
  if (a === b) return "same";
  return sameGivenName(a, b) ? "nickname" : "different";
}

/** A middle name on one side fits one on the other: equal, an initial of it, or a nickname. */
function fits(a: string, b: string): boolean {
  return relateGiven(a, b) !== "different";
}

type MiddleRelation = "none" | "same" | "one-sided" | "compatible" | "conflict";

/**
 * Whether the middle names agree. Missing on one side is fine; given on both sides they must pair
 * up one to one (George W. Bush is not George H. W. Bush).
 */
function relateMiddles(a: string[], b: string[]): MiddleRelation {
  if (!a.length && !b.length) return "none";
  if (!a.length || !b.length) return "one-sided";
  if (a.length !== b.length || a.some((name, i) => !fits(name, b[i] ?? ""))) return "conflict";
  return a.every((name, i) => name === b[i]) ? "same" : "compatible";
}

type SurnameRelation = "same" | "variant" | "part" | "typo" | "initial" | "different";

function relateSurnames(a: Person, b: Person): SurnameRelation {
  const joinedA = a.surname.join("");
  const joinedB = b.surname.join("");
  if (a.surname.join(" ") === b.surname.join(" ")) return "same";
  if (joinedA === joinedB) return "variant"; // De La Cruz / Delacruz, Mc Donald / McDonald
  const restA = [...a.given.slice(1), ...a.surname];
  const restB = [...b.given.slice(1), ...b.surname];
  // Smith-Jones / Smith Jones: each side's surname pieces all appear on the other, ending alike.
  if (a.surname.at(-1) === b.surname.at(-1) && a.surname.every((p) => restB.includes(p)) && b.surname.every((p) => restA.includes(p))) {
    return "variant";
  }
  if (a.surname.some((p) => restB.includes(p)) || b.surname.some((p) => restA.includes(p))) return "part";
  if (joinedA.length === 1 || joinedB.length === 1) return joinedA[0] === joinedB[0] ? "initial" : "different";
  if (Math.min(joinedA.length, joinedB.length) >= 5 && withinOneEdit(joinedA, joinedB)) return "typo";
  return "different";
}

/** A lone name ("Jane") against anything: never more than partial. */
function compareLone(a: Person, b: Person): Verdict {
  const [lone, other] = a.surname.length === 0 ? [a, b] : [b, a];
  const name = lone.given.join("");
  const otherGiven = other.given[0] ?? "";
  const fitsOther = relateGiven(name, otherGiven) === "same" || relateGiven(name, otherGiven) === "nickname" || name === other.surname.join("");
  return fitsOther
    ? { result: "partial", score: 50, detail: "only one name is given on one side, and it fits" }
    : { result: "no_match", score: 0, detail: "the names are different" };
}

/** Whether the first two given names of `split` are the one given name of `whole`. */
function joinsGivenName(split: string[], whole: string[]): boolean {
  return split.length > 1 && whole[0] !== split[0] && split.slice(0, 2).join("") === whole[0];
}

function comparePersons(a: Person, b: Person): Verdict {
  if (a.surname.length === 0 || b.surname.length === 0) return compareLone(a, b);
  // "Mary Ann" written as one word ("Maryann Smith") counts as the same given name.
  const joinedGiven = joinsGivenName(a.given, b.given) || joinsGivenName(b.given, a.given);
  const givenA = joinedGiven && a.given.length > 1 ? [a.given.slice(0, 2).join(""), ...a.given.slice(2)] : a.given;
  const givenB = joinedGiven && b.given.length > 1 ? [b.given.slice(0, 2).join(""), ...b.given.slice(2)] : b.given;
  const first = joinedGiven ? "same" : relateGiven(givenA[0] ?? "", givenB[0] ?? "");
  const surname = relateSurnames(a, b);
  const sameSurname = surname === "same" || surname === "variant";
  const firstFits = first === "same" || first === "nickname";
  const [firstA = "", firstB = ""] = [givenA[0], givenB[0]];

  if (sameSurname && firstFits) {
    // Middle names that the surname comparison used up (Mary Smith Jones / Mary Smith-Jones) are not middles.
    const middles = relateMiddles(
      givenA.slice(1).filter((name) => !b.surname.includes(name)),
      givenB.slice(1).filter((name) => !a.surname.includes(name)),
    );
    if (middles === "conflict") return { result: "partial", score: 60, detail: "the middle names or initials differ" };
    if (a.generation && b.generation && a.generation !== b.generation) {
      return { result: "partial", score: 55, detail: `the suffixes differ (${capitalize(a.generation)} and ${capitalize(b.generation)}), as for a parent and child` };
    }
    const notes: string[] = [];
    let score = 100;
    if (first === "nickname") {
      notes.push(`the given names ${capitalize(firstA)} and ${capitalize(firstB)} are forms of the same name`);
      score -= 4;
    }
    if (joinedGiven) {
      notes.push("the given name is written as one word on one side");
      score -= 2;
    }
    if (middles === "one-sided") {
      notes.push("a middle name appears on one side only");
      score -= 3;
    } else if (middles === "compatible") {
      notes.push("the middle names agree, one side giving only initials");
      score -= 2;
    }
    if (surname === "variant") {
      notes.push("the surname is written differently (spaces or hyphens)");
      score -= 2;
    }
    if (a.reversed !== b.reversed) {
      notes.push("the names are in a different order");
      score -= 4;
    }
    return { result: "match", score: Math.max(90, score), detail: notes.length ? notes.join("; ") : "the names are the same" };
  }
  if (sameSurname && first === "initial") {
    return relateMiddles(givenA.slice(1), givenB.slice(1)) === "conflict"
      ? { result: "no_match", score: 20, detail: "the first initial fits but the middle names differ" }
      : { result: "partial", score: 70, detail: "only an initial is given for the first name, and it fits" };
  }
  if (firstFits && surname === "part") {
    return { result: "partial", score: 65, detail: `the surnames share only a part (${a.surnameText} and ${b.surnameText})` };
  }
  if (firstFits && surname === "typo") {
    return { result: "partial", score: 60, detail: `the surnames differ by one letter (${a.surnameText} and ${b.surnameText})` };
  }
  if (firstFits && surname === "initial") {
    return { result: "partial", score: 55, detail: "only an initial is given for the surname, and it fits" };
  }
  if (sameSurname) {
    // John Michael Smith / Michael Smith: someone who goes by a middle name, or a relative.
    const usesMiddle = (full: string[], other: string) => other.length > 1 && full.slice(1).some((name) => name === other);
    if (usesMiddle(givenA, firstB) || usesMiddle(givenB, firstA)) {
      return { result: "partial", score: 50, detail: "the given name on one side is a middle name on the other" };
    }
    return {
      result: "no_match",
      score: 20,
      detail: `the surname is the same but the given names differ (${capitalize(firstA)} and ${capitalize(firstB)}), as for a relative`,
    };
  }
  if (firstFits) return { result: "no_match", score: 15, detail: "the given name is the same but the surnames differ" };
  return { result: "no_match", score: 0, detail: "the names are different" };
}

function compareParties(a: Party, b: Party): Verdict {
  if (a.kind === "business" && b.kind === "business") {
    const key = (business: Business) => [...new Set(business.words)].sort().join(" ");
    return key(a) && key(a) === key(b)
      ? { result: "match", score: 95, detail: "the business names are the same" }
      : { result: "no_match", score: 0, detail: "the business names differ" };
  }
  if (b.kind === "business") return { result: "no_match", score: 10, detail: "the owner looks like a business, not a person" };
  if (a.kind === "business") return { result: "no_match", score: 10, detail: "the holder's name looks like a business, the owner's like a person" };
  return comparePersons(a, b);
}

/**
 * Compares the holder's name with an owner name. Handles case, accents, order ("Doe, Jane"),
 * middle names and initials, nicknames, hyphenated surnames, titles and suffixes, joint owners
 * ("Jane & John Doe": a match if any of them matches) and business owners.
 */
export function compareNames(holder: string, owner: string): FieldComparison {
  // Only the owner's name gets the surname-first reading: reading both sides that way adds nothing.
  const holderReadings = readName(holder, false);
  const ownerReadings = readName(owner, true);
  if (!holderReadings.length || !ownerReadings.length) return { result: "no_data", score: 0, reason: "There is no name to compare." };
  let best: (Verdict & { people: number }) | null = null;
  for (const a of holderReadings) {
    for (const b of ownerReadings) {
      const verdict = compareParties(a.party, b.party);
      // A surname-first reading is a guess: where it does not match, prefer the plain reading's words.
      if (b.party.kind === "person" && b.party.reversed && verdict.result !== "match") verdict.score = Math.max(0, verdict.score - 2);
      if (!best || verdict.score > best.score) best = { ...verdict, people: b.people };
    }
  }
  if (!best) return { result: "no_data", score: 0, reason: "There is no name to compare." };
  const joint = best.people > 1 && best.result !== "no_match" ? `; it is one of the ${best.people} names on the account` : "";
  return { result: best.result, score: best.score, reason: `${capitalize(best.detail)}${joint}.` };
}
