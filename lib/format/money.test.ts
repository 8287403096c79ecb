import { describe, expect, it } from "vitest";
import { formatMoney, minorToDecimal } from "./money";

describe("formatMoney", () => {
  it("formats cents as dollars", () => {
    expect(formatMoney(123456n, "usd")).toBe("$1,234.56");
    expect(formatMoney("-500", "usd")).toBe("-$5.00");
  });
  it("respects currencies without minor units", () => {
    expect(formatMoney(1500n, "jpy")).toBe("¥1,500");
  });
  it("stays exact beyond a float's precision", () => {
    expect(formatMoney(9007199254740993n, "usd")).toBe("$90,071,992,547,409.93");
    expect(minorToDecimal(-5n, "usd")).toBe("-0.05");
  });
  it("shows a dash when there is no figure", () => {
    expect(formatMoney(null, "usd")).toBe("—");
    expect(formatMoney(100n, null)).toBe("—");
  });
});
