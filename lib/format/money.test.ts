import { describe, expect, it } from "vitest";
import { formatMinorUnits } from "./money";

describe("formatMinorUnits", () => {
  it("formats cents as dollars", () => {
    expect(formatMinorUnits(123456n, "usd")).toBe("$1,234.56");
    expect(formatMinorUnits("-500", "usd")).toBe("-$5.00");
  });
  it("respects currencies without minor units", () => {
    expect(formatMinorUnits(1500n, "jpy")).toBe("¥1,500");
  });
  it("shows a dash when there is no figure", () => {
    expect(formatMinorUnits(null, "usd")).toBe("—");
    expect(formatMinorUnits(100n, null)).toBe("—");
  });
});
