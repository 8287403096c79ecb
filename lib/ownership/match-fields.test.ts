import { describe, expect, it } from "vitest";
import { compareAddresses, compareEmails, comparePhones, type HolderAddress } from "./match-fields";
import { foldCase, normalizeEmail, normalizePhone, normalizeText, samePhoneNumber, withinOneEdit } from "./normalize";

describe("normalize", () => {
  it("folds accents and case, and drops punctuation", () => {
    expect(foldCase("José ØSTBERG Straße")).toBe("jose ostberg strasse");
    expect(normalizeText("  O’Brien-Smith,  Jr. ")).toBe("obrien smith jr");
  });

  it("normalizes emails: +tags everywhere, dots only at Gmail", () => {
    expect(normalizeEmail("  Jane.Doe+bank@Example.com ")).toBe("jane.doe@example.com");
    expect(normalizeEmail("jane.doe+x@gmail.com")).toBe("janedoe@gmail.com");
    expect(normalizeEmail("J.a.n.e.Doe@googlemail.com")).toBe("janedoe@gmail.com");
    expect(normalizeEmail("not an email")).toBeNull();
    expect(normalizeEmail("@example.com")).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
  });

  it("normalizes phones to E.164-ish digits, US by default", () => {
    expect(normalizePhone("(415) 555-0123")).toBe("+14155550123");
    expect(normalizePhone("1-415-555-0123")).toBe("+14155550123");
    expect(normalizePhone("+1 415.555.0123 ext. 9")).toBe("+14155550123");
    expect(normalizePhone("0044 20 7946 0958")).toBe("+442079460958");
    expect(normalizePhone("011 44 20 7946 0958")).toBe("+442079460958");
    expect(normalizePhone("020 7946 0958")).toBe("02079460958");
    expect(normalizePhone("12345")).toBeNull();
  });

  it("compares phones by their last 10 digits only when a country code is missing", () => {
    expect(samePhoneNumber("+442079460958", "02079460958")).toBe(true);
    expect(samePhoneNumber("+14155550123", "+444155550123")).toBe(false);
    expect(samePhoneNumber("+14155550123", "+14155550124")).toBe(false);
  });

  it("counts one edit: a change, an insertion, a deletion or a swap", () => {
    expect(withinOneEdit("smith", "smyth")).toBe(true);
    expect(withinOneEdit("smith", "smiths")).toBe(true);
    expect(withinOneEdit("smith", "simth")).toBe(true);
    expect(withinOneEdit("smith", "smythe")).toBe(false);
  });
});

describe("compareEmails", () => {
  it("matches the same mailbox however it is written", () => {
    expect(compareEmails("Jane.Doe@gmail.com", "janedoe+bank@gmail.com")).toMatchObject({ result: "match", score: 100 });
    expect(compareEmails("jane@example.com", "JANE@EXAMPLE.COM ")).toMatchObject({ result: "match" });
  });

  it("does not drop dots outside Gmail", () => {
    expect(compareEmails("jane.doe@example.com", "janedoe@example.com").result).toBe("no_match");
  });

  it("calls the same name at another domain partial, and anything else different", () => {
    expect(compareEmails("jane.doe@gmail.com", "jane.doe@yahoo.com")).toMatchObject({ result: "partial" });
    expect(compareEmails("jane@example.com", "john@example.com")).toMatchObject({ result: "no_match", reason: "The email addresses differ." });
    expect(compareEmails("jo@gmail.com", "jo@yahoo.com").result).toBe("no_match"); // too short a name to mean anything
  });

  it("has no data when either side is missing or not an email", () => {
    expect(compareEmails(null, "jane@example.com").result).toBe("no_data");
    expect(compareEmails("jane@example.com", "n/a").result).toBe("no_data");
  });
});

describe("comparePhones", () => {
  it("matches the same number however it is formatted", () => {
    expect(comparePhones("(415) 555-0123", "+14155550123")).toMatchObject({ result: "match", score: 100 });
    expect(comparePhones("415.555.0123", "001 415 555 0123").result).toBe("match");
    expect(comparePhones("+44 20 7946 0958", "020 7946 0958").result).toBe("match");
  });

  it("does not match another number or another country", () => {
    expect(comparePhones("(415) 555-0123", "(415) 555-0124")).toMatchObject({ result: "no_match", score: 0 });
    expect(comparePhones("+1 415 555 0123", "+44 415 555 0123").result).toBe("no_match");
  });

  it("has no data without a number on both sides", () => {
    expect(comparePhones("", "+14155550123").result).toBe("no_data");
    expect(comparePhones("+14155550123", "n/a").result).toBe("no_data");
  });
});

describe("compareAddresses", () => {
  const home: HolderAddress = { line1: "123 Main Street", line2: "Apt 4", city: "San Francisco", state: "CA", postalCode: "94111", country: "US" };

  it("matches the same street with the postal code or the city and state", () => {
    expect(compareAddresses(home, "123 Main St, Apt 4, San Francisco, CA 94111, US")).toMatchObject({ result: "match", score: 100 });
    expect(compareAddresses(home, "123 Main St, Oakland, CA 94111")).toMatchObject({ result: "match" });
    expect(compareAddresses({ ...home, postalCode: null }, "123 MAIN ST., SAN FRANCISCO, CALIFORNIA 94999")).toMatchObject({ result: "match" });
    expect(compareAddresses({ line1: "510 Townsend Street", city: "San Francisco", state: "CA", postalCode: "94103-1234" }, "510 Townsend St, San Francisco, CA 94103, US").result).toBe("match");
  });

  it("normalizes street suffixes and directions, but a different suffix is a different street", () => {
    expect(compareAddresses({ line1: "12 North Oak Avenue", postalCode: "10001" }, "12 N Oak Ave, New York, NY 10001").result).toBe("match");
    expect(compareAddresses({ line1: "12 Oak", postalCode: "10001" }, "12 Oak Ave, New York, NY 10001").result).toBe("match");
    expect(compareAddresses({ line1: "12 Oak Street", postalCode: "10001" }, "12 Oak Ave, New York, NY 10001").result).toBe("partial");
    expect(compareAddresses({ line1: "12 North Oak St", postalCode: "10001" }, "12 S Oak St, New York, NY 10001").result).toBe("partial");
  });

  it("ignores the unit", () => {
    expect(compareAddresses({ ...home, line1: "123 Main St #7" }, "123 Main St, Apt 4, San Francisco, CA 94111, US").result).toBe("match");
  });

  it("calls the same area without the same street partial", () => {
    expect(compareAddresses(home, "9 Pine St, San Francisco, CA 94111, US")).toMatchObject({ result: "partial", reason: "The postal code matches but the street differs." });
    expect(compareAddresses(home, "9 Pine St, San Francisco, California 94000").result).toBe("partial");
    expect(compareAddresses({ postalCode: "94111" }, "9 Pine St, San Francisco, CA 94111").result).toBe("partial");
  });

  it("calls the same street elsewhere partial", () => {
    expect(compareAddresses(home, "123 Main St, Springfield, IL 62704, US")).toMatchObject({ result: "partial", score: 50 });
  });

  it("does not match another address, or the same one in another country", () => {
    expect(compareAddresses(home, "9 Pine St, Springfield, IL 62704, US")).toMatchObject({ result: "no_match", score: 0 });
    expect(compareAddresses(home, "124 Main St, Springfield, IL 62704").result).toBe("no_match");
    expect(compareAddresses(home, "123 Main St, San Francisco, CA 94111, Canada").result).toBe("no_match");
  });

  it("reads a state by name or code, and tells California from Canada", () => {
    expect(compareAddresses({ line1: "1 Elm St", city: "Portland", state: "Oregon" }, "1 Elm St, Portland, OR 97201").result).toBe("match");
    expect(compareAddresses({ line1: "1 Elm St", city: "Portland", state: "ME" }, "1 Elm St, Portland, OR 97201").result).toBe("partial");
    expect(compareAddresses({ line1: "1 King St W", city: "Toronto", postalCode: "M5H 1A1", country: "CA" }, "1 King St W, Toronto, ON M5H1A1, CA").result).toBe("match");
  });

  it("reads an address without commas by its start, its ZIP code and its words", () => {
    expect(compareAddresses(home, "123 Main Street Apt 4 San Francisco CA 94111").result).toBe("match");
    expect(compareAddresses(home, "9 Pine Street San Francisco CA 94111").result).toBe("partial");
  });

  it("has no data without an address on both sides", () => {
    expect(compareAddresses(home, "").result).toBe("no_data");
    expect(compareAddresses(null, "123 Main St, San Francisco, CA 94111").result).toBe("no_data");
    expect(compareAddresses({ country: "US" }, "123 Main St, San Francisco, CA 94111").result).toBe("no_data");
  });
});
