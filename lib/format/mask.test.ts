import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone } from "./mask";

describe("masking owner details", () => {
  it("keeps the first letter and the domain of an email", () => {
    expect(maskEmail("jenny.rosen@example.com")).toBe("j•••@example.com");
  });
  it("keeps the last four digits of a phone number", () => {
    expect(maskPhone("+1 (555) 867-5309")).toBe("•••• 5309");
  });
  it("returns null for missing details", () => {
    expect(maskEmail(null)).toBeNull();
    expect(maskPhone("")).toBeNull();
  });
});
