import { describe, expect, it } from "vitest";
import { matchOwnership, OWNERSHIP_MATCHER_VERSION, type HolderProfile, type OwnerData } from "./match-ownership";

const jane: HolderProfile = {
  name: "Jane Doe",
  email: "jane.doe@gmail.com",
  phone: "(415) 555-0123",
  address: { line1: "123 Main Street", line2: "Apt 4", city: "San Francisco", state: "CA", postalCode: "94111", country: "US" },
};
const janeAtBank: OwnerData = { name: "DOE, JANE A", email: "janedoe@gmail.com", phone: "+14155550123", rawAddress: "123 Main St, Apt 4, San Francisco, CA 94111, US" };

describe("matchOwnership", () => {
  it("has a version to store with its results", () => {
    expect(OWNERSHIP_MATCHER_VERSION).toBeGreaterThanOrEqual(1);
  });

  it("confirms an owner whose every field matches, with a reason per field, name first", () => {
    const match = matchOwnership(jane, [janeAtBank]);
    expect(match).toMatchObject({ verdict: "confirmed", score: expect.any(Number), ownerIndex: 0 });
    expect(match.score).toBeGreaterThanOrEqual(95);
    expect(Object.values(match.fields).map((field) => field.result)).toEqual(["match", "match", "match", "match"]);
    expect(match.reasons).toHaveLength(4);
    expect(match.reasons[0]).toBe("The account holder's name matches the owner “DOE, JANE A” (a middle name appears on one side only).");
    expect(match.reasons).toContain("The email addresses match.");
  });

  it("confirms a matching name when only the name can be compared", () => {
    const match = matchOwnership({ name: "Jane Doe" }, [{ name: "Jane Doe" }]);
    expect(match).toMatchObject({ verdict: "confirmed", score: 100, reasons: ["The account holder's name matches the owner “Jane Doe”."] });
    expect(match.fields.email.result).toBe("no_data");
  });

  it("confirms a matching name despite a different email: people keep several", () => {
    expect(matchOwnership(jane, [{ ...janeAtBank, email: "jd@work.example", phone: null, rawAddress: null }]).verdict).toBe("confirmed");
  });

  it("confirms a matching name when agreements outweigh a differing phone or address", () => {
    expect(matchOwnership(jane, [{ ...janeAtBank, phone: "+12125550199" }]).verdict).toBe("confirmed");
    expect(matchOwnership(jane, [{ ...janeAtBank, email: null, phone: "+12125550199" }]).verdict).toBe("confirmed"); // one for, one against
  });

  it("only partly confirms a matching name when the phone or address contradicts it and nothing agrees", () => {
    const match = matchOwnership(jane, [{ name: "Jane Doe", email: "other@example.com", phone: "+12125550199", rawAddress: "9 Pine St, Springfield, IL 62704" }]);
    expect(match.verdict).toBe("partial");
    expect(match.reasons).toEqual([
      "The account holder's name matches the owner “Jane Doe”.",
      "The email addresses differ.",
      "The addresses differ.",
      "The phone numbers differ.",
    ]);
    expect(matchOwnership(jane, [{ name: "Jane Doe", phone: "+12125550199" }]).verdict).toBe("partial");
  });

  it("calls a partly matching name partial, whatever the contact fields say", () => {
    const match = matchOwnership(jane, [{ ...janeAtBank, name: "J. Doe" }]);
    expect(match.verdict).toBe("partial");
    expect(match.reasons[0]).toBe("The account holder's name only partly matches the owner “J. Doe”: only an initial is given for the first name, and it fits.");
  });

  it("does not confirm a different name, even at the same address (a relative)", () => {
    const match = matchOwnership(jane, [{ name: "John Doe", email: "john@example.com", phone: "+12125550199", rawAddress: janeAtBank.rawAddress }]);
    expect(match.verdict).toBe("unconfirmed");
    expect(match.score).toBeLessThan(50);
    expect(match.reasons[0]).toContain("does not match the owner “John Doe”");
  });

  it("lifts a different name to partial when the email or phone matches", () => {
    expect(matchOwnership(jane, [{ name: "Acme LLC", email: "jane.doe@gmail.com" }]).verdict).toBe("partial");
    expect(matchOwnership(jane, [{ name: "John Doe", phone: "415-555-0123" }]).verdict).toBe("partial");
  });

  it("uses the email or phone when there is no name to compare", () => {
    expect(matchOwnership(jane, [{ name: null, email: "jane.doe+x@gmail.com" }])).toMatchObject({ verdict: "partial", reasons: ["The bank did not share the owner's name.", "The email addresses match."] });
    expect(matchOwnership({ email: "jane@example.com" }, [{ name: "Jane Doe", email: "jane@example.com" }])).toMatchObject({
      verdict: "partial",
      reasons: ["The profile has no name to compare with the owner's.", "The email addresses match."],
    });
    expect(matchOwnership(jane, [{ name: "", email: "other@example.com" }]).verdict).toBe("unconfirmed");
    expect(matchOwnership(jane, [{ name: "", rawAddress: janeAtBank.rawAddress }]).verdict).toBe("unconfirmed"); // an address alone is shared by a household
  });

  it("has no data without owners, or without anything comparable", () => {
    expect(matchOwnership(jane, [])).toMatchObject({ verdict: "no_data", score: 0, ownerIndex: null, reasons: [expect.any(String)] });
    expect(matchOwnership(jane, [{ name: null }])).toMatchObject({ verdict: "no_data", score: 0, ownerIndex: 0 });
    expect(matchOwnership({}, [janeAtBank])).toMatchObject({ verdict: "no_data", score: 0 });
  });

  it("picks the best owner: the strongest verdict, then the highest score", () => {
    const match = matchOwnership(jane, [{ name: "John Doe" }, { name: "J. Doe" }, { name: "Jane Doe", phone: "+14155550123" }, { name: "Jane Doe" }]);
    expect(match).toMatchObject({ verdict: "confirmed", ownerIndex: 2 });
    // A name-less owner whose email matches scores 100 on that one field, but a confirmed owner wins.
    expect(matchOwnership(jane, [{ name: null, email: "jane.doe@gmail.com" }, { name: "Jane Doe", email: "x@example.com" }])).toMatchObject({ verdict: "confirmed", ownerIndex: 1 });
  });

  it("matches a holder among joint owners", () => {
    expect(matchOwnership({ name: "Jenny Rosen" }, [{ name: "Sam & Jenny Rosen" }]).verdict).toBe("confirmed");
    expect(matchOwnership({ name: "Jenny Rosen" }, [{ name: "Sam & Alex Rosen" }]).verdict).toBe("unconfirmed");
  });

  it("weighs the name most in the score, over the fields with data on both sides", () => {
    // Name matches (100 × 60), email differs (0 × 15): 6000 / 75 = 80.
    expect(matchOwnership({ name: "Jane Doe", email: "a@example.com" }, [{ name: "Jane Doe", email: "b@example.com" }]).score).toBe(80);
    // Name differs (0 × 60), email and phone match (100 × 25): 2500 / 85 ≈ 29.
    expect(matchOwnership({ name: "Jane Doe", email: "a@example.com", phone: "4155550123" }, [{ name: "Mary Major", email: "a@example.com", phone: "+14155550123" }]).score).toBe(29);
    for (const owner of [janeAtBank, { name: "Acme LLC" }, { name: "J. Doe", email: "z@z.z" }]) {
      const { score } = matchOwnership(jane, [owner]);
      expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
    }
  });
});
