import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

describe("safeReturnPath", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/accounts?tab=2")).toBe("/accounts?tab=2");
  });
  it("reduces absolute URLs to their path so they cannot leave the site", () => {
    expect(safeReturnPath("https://evil.example/steal")).toBe("/steal");
  });
  it.each(["//evil.example", "/\\evil.example", "javascript:alert(1)", "accounts", ""])("refuses %j", (value) => {
    expect(safeReturnPath(value, "/home")).toBe("/home");
  });
});
