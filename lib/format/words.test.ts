import { describe, expect, it } from "vitest";
import { accountTitle } from "./account-title";
import { statusLabel } from "./status";
import { countOf, humanize } from "./words";

describe("humanize", () => {
  it("turns a snake_case value into a sentence-case phrase", () => {
    expect(humanize("line_of_credit")).toBe("Line of credit");
    expect(humanize("checking")).toBe("Checking");
  });
});

describe("accountTitle", () => {
  it("uses the display name, else the kind, and the masked last 4 when known", () => {
    expect(accountTitle({ displayName: "Everyday", subcategory: "checking", last4: "6789" })).toBe("Everyday •••• 6789");
    expect(accountTitle({ displayName: null, subcategory: "line_of_credit", last4: null })).toBe("Line of credit");
  });
});

describe("statusLabel", () => {
  it("says what an inactive account needs, the same words for people and admins", () => {
    expect(statusLabel("inactive")).toBe("Needs relink");
    expect(statusLabel("active")).toBe("Active");
    expect(statusLabel("given_up")).toBe("Given up");
  });
});

describe("countOf", () => {
  it("puts the noun in the number the count needs", () => {
    expect(countOf(1, "admin")).toBe("1 admin");
    expect(countOf(0, "admin")).toBe("0 admins");
    expect(countOf(2, "admin")).toBe("2 admins");
    expect(countOf(1204, "account")).toBe("1,204 accounts");
    expect(countOf(3, "entry", "entries")).toBe("3 entries");
  });
});
