import { describe, expect, it } from "vitest";
import { compareNames } from "./match-name";
import { NICKNAME_GROUP_COUNT, sameGivenName } from "./nicknames";

const result = (holder: string, owner: string) => compareNames(holder, owner).result;

describe("compareNames", () => {
  it("ignores case, spacing and punctuation, but not the letters", () => {
    expect(compareNames("Jane Doe", "  JANE   DOE ")).toMatchObject({ result: "match", score: 100 });
    expect(result("Sarah O'Connor", "Sarah OConnor")).toBe("match");
    expect(result("Jane Doe", "Jane Roe")).toBe("no_match");
  });

  it("strips accents", () => {
    expect(result("José García", "Jose Garcia")).toBe("match");
    expect(result("Søren Łukasz", "Soren Lukasz")).toBe("match");
    expect(result("José García", "Josué García")).toBe("no_match");
  });

  it("reads surname-first names, with or without a comma", () => {
    expect(result("Jane Doe", "Doe, Jane")).toBe("match");
    expect(result("Jane Doe", "Doe Jane")).toBe("match");
    expect(compareNames("Jane Doe", "Doe Jane").score).toBeLessThan(100);
    expect(result("Jane Ann Doe", "DOE, JANE A")).toBe("match");
    expect(result("Jane Doe", "Doe, John")).toBe("no_match");
    expect(result("Jane Doe", "Doe John")).toBe("no_match");
  });

  it("accepts a middle name or initial on one side only, and matching middle initials", () => {
    expect(result("Jane Ann Doe", "Jane Doe")).toBe("match");
    expect(result("Jane Doe", "Jane A. Doe")).toBe("match");
    expect(result("Jane A. Doe", "Jane Ann Doe")).toBe("match");
    expect(compareNames("Jane Ann Doe", "Jane Doe").score).toBeGreaterThanOrEqual(90);
  });

  it("does not match middle names that disagree", () => {
    expect(result("Jane Ann Doe", "Jane Marie Doe")).toBe("partial");
    expect(result("Jane A. Doe", "Jane B. Doe")).toBe("partial");
    expect(result("George W. Bush", "George H. W. Bush")).toBe("partial");
  });

  it("calls a first initial only partial", () => {
    expect(compareNames("Jane Doe", "J. Doe")).toMatchObject({ result: "partial", reason: expect.stringContaining("initial") });
    expect(result("J Doe", "Jane Doe")).toBe("partial");
    expect(result("Jane Doe", "K. Doe")).toBe("no_match");
    expect(compareNames("Jane Doe", "J. Doe").score).toBeGreaterThanOrEqual(50);
    expect(compareNames("Jane Doe", "J. Doe").score).toBeLessThanOrEqual(75);
  });

  it("knows common nicknames", () => {
    expect(compareNames("William Smith", "Bill Smith")).toMatchObject({ result: "match", reason: expect.stringContaining("William and Bill") });
    expect(result("Bill Smith", "Will Smith")).toBe("match");
    expect(result("Katie Young", "Catherine Young")).toBe("match");
    expect(result("Bill Smith", "Bob Smith")).toBe("no_match");
    expect(result("Bill Smith", "William Jones")).toBe("no_match");
  });

  it("lets an ambiguous nickname stand for either name, but keeps those names apart", () => {
    expect(result("Chris Doe", "Christopher Doe")).toBe("match");
    expect(result("Chris Doe", "Christine Doe")).toBe("match");
    expect(result("Christopher Doe", "Christine Doe")).toBe("no_match");
    expect(result("Alexander Doe", "Alexandra Doe")).toBe("no_match");
  });

  it("treats double surnames written with or without a hyphen alike, and part of one as partial", () => {
    expect(result("Mary Smith Jones", "Mary Smith-Jones")).toBe("match");
    expect(result("Ana De La Cruz", "Ana Delacruz")).toBe("match");
    expect(compareNames("Mary Smith-Jones", "Mary Jones")).toMatchObject({ result: "partial", reason: expect.stringContaining("Smith-Jones and Jones") });
    expect(result("Mary Smith-Jones", "Mary Smith")).toBe("partial");
    expect(result("Mary Smith-Jones", "Mary Brown")).toBe("no_match");
  });

  it("ignores titles and suffixes, unless both sides give a different generation", () => {
    expect(result("Jane Doe", "Mrs. Jane Doe")).toBe("match");
    expect(result("Dr. John Smith III", "John Smith")).toBe("match");
    expect(result("Alan Grant", "Grant, Alan, PhD")).toBe("match");
    expect(result("John Smith Jr.", "John Smith Jr")).toBe("match");
    expect(compareNames("John Doe Jr", "John Doe Sr")).toMatchObject({ result: "partial", reason: expect.stringContaining("Jr and Sr") });
    expect(result("Mr. John Smith", "Mr. James Smith")).toBe("no_match");
  });

  it("splits joint owners and matches if any of them is the holder", () => {
    expect(compareNames("John Doe", "Jane Doe and John Doe")).toMatchObject({ result: "match", reason: expect.stringContaining("one of the 2 names") });
    expect(result("John Doe", "Jane & John Doe")).toBe("match");
    expect(result("Jane Doe", "Jane & John Doe")).toBe("match");
    expect(result("John Smith", "Jane Doe & John Smith")).toBe("match");
    expect(result("John Doe", "Jane or John Doe")).toBe("match");
    expect(result("John Doe", "Doe, Jane and John")).toBe("match");
    expect(result("Jim Doe", "Jane & John Doe")).toBe("no_match");
    expect(result("Jane Smith", "Jane Doe & John Smith")).toBe("no_match");
    expect(result("Jane Smith", "Jane & John Doe")).toBe("no_match");
  });

  it("never matches a relative: same surname, different given name", () => {
    expect(compareNames("Jane Doe", "John Doe")).toMatchObject({ result: "no_match", reason: expect.stringContaining("relative") });
    expect(compareNames("Jane Doe", "John Doe").score).toBeLessThanOrEqual(25);
    expect(result("Jon Smith", "Joan Smith")).toBe("no_match");
    expect(result("Tom Smith", "Tim Smith")).toBe("no_match");
  });

  it("never matches the same given name with another surname", () => {
    expect(result("Jane Doe", "Jane Smith")).toBe("no_match");
    expect(compareNames("Jane Doe", "Jane Smith").score).toBeLessThanOrEqual(25);
  });

  it("forgives one wrong letter in a long surname only as partial", () => {
    expect(compareNames("John Smith", "John Smyth")).toMatchObject({ result: "partial", reason: expect.stringContaining("one letter") });
    expect(result("Kathy Peterson", "Kathy Petersen")).toBe("partial");
    expect(result("Kathy Peterson", "Kathy Petreson")).toBe("partial"); // swapped letters
    expect(result("Jane Doe", "Jane Dow")).toBe("no_match"); // too short to call a typo
    expect(result("Jane Smith", "John Smyth")).toBe("no_match"); // and only when the given names fit
    expect(result("Jane Smith", "Jane Smithers")).toBe("no_match");
  });

  it("does not take a business for a person", () => {
    expect(compareNames("Jane Doe", "Acme LLC")).toMatchObject({ result: "no_match", reason: expect.stringContaining("business") });
    expect(result("Jane Doe", "Jane Doe LLC")).toBe("no_match");
    expect(result("Robert Brown", "Brown Holdings, L.L.C.")).toBe("no_match");
    expect(result("Jane Doe", "The Jane Doe Revocable Trust")).toBe("no_match");
    expect(compareNames("Jane Doe", "Acme LLC").score).toBeLessThanOrEqual(25);
    // A person trading under a business name is still that person.
    expect(result("John Doe", "John Doe DBA Doe Plumbing")).toBe("match");
    // Two businesses compare by name.
    expect(result("Acme Widgets LLC", "ACME WIDGETS, L.L.C.")).toBe("match");
    expect(result("Acme Widgets LLC", "Apex Widgets LLC")).toBe("no_match");
  });

  it("has no data for a blank name on either side", () => {
    expect(compareNames("Jane Doe", "")).toEqual({ result: "no_data", score: 0, reason: expect.any(String) });
    expect(result("   ", "Jane Doe")).toBe("no_data");
    expect(result("Jane Doe", "Mr. & Mrs.")).toBe("no_data");
  });

  it("calls a lone given name or surname at most partial", () => {
    expect(result("Jane Doe", "Jane")).toBe("partial");
    expect(result("Jane Doe", "Doe")).toBe("partial");
    expect(result("Jane Doe", "Mary")).toBe("no_match");
  });

  it("keeps scores in the bands of their results", () => {
    const bands = { match: [90, 100], partial: [50, 75], no_match: [0, 25], no_data: [0, 0] } as const;
    const pairs = [
      ["Jane Doe", "Jane Doe"], ["Bill Doe", "William A. Doe"], ["Jane Doe", "Doe Jane"], ["Jane Doe", "J. Doe"], ["Mary Smith-Jones", "Mary Jones"],
      ["John Smith", "John Smyth"], ["Jane Doe", "John Doe"], ["Jane Doe", "Acme LLC"], ["Jane Doe", ""], ["John Doe Jr", "John Doe Sr"],
    ];
    for (const [holder = "", owner = ""] of pairs) {
      const { result: got, score } = compareNames(holder, owner);
      expect(score, `${holder} / ${owner}`).toBeGreaterThanOrEqual(bands[got][0]);
      expect(score, `${holder} / ${owner}`).toBeLessThanOrEqual(bands[got][1]);
    }
  });
});

describe("sameGivenName", () => {
  it("pairs names that share a nickname group, whichever side the nickname is on", () => {
    expect(sameGivenName("bill", "william")).toBe(true);
    expect(sameGivenName("william", "liam")).toBe(true);
    expect(sameGivenName("kathryn", "catherine")).toBe(true);
    expect(sameGivenName("steve", "stephen")).toBe(true);
    expect(sameGivenName("steve", "steven")).toBe(true);
    expect(sameGivenName("stephen", "steven")).toBe(false);
    expect(sameGivenName("patrick", "patricia")).toBe(false);
    expect(sameGivenName("zelda", "william")).toBe(false);
  });

  it("has a useful number of groups", () => {
    expect(NICKNAME_GROUP_COUNT).toBeGreaterThanOrEqual(80);
  });
});
