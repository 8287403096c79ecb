import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

describe("safeReturnPath", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/accounts?tab=2")).toBe("/accounts?tab=2");
    expect(safeReturnPath("/admin/accounts?q=a%20b#top")).toBe("/admin/accounts?q=a%20b#top");
  });
  it("reduces absolute URLs to their path so they cannot leave the site", () => {
    expect(safeReturnPath("https://evil.example/steal")).toBe("/steal");
  });
  it.each(["//evil.example", "/\\evil.example", "javascript:alert(1)", "accounts", ""])("refuses %j", (value) => {
    expect(safeReturnPath(value, "/home")).toBe("/home");
  });

  // What a browser does with a Location header: it drops tabs and newlines anywhere, trims
  // C0 controls and spaces at the ends, and reads a backslash as a slash. Each of these would
  // become //evil.example (another site) or break the header (a 500).
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\u0000/evil.example",
    "/\u001f/evil.example",
    "/\u007f/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0D/evil.example",
    "/%00",
    "/%5C/evil.example",
    "/%5c%5cevil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    "/%25%30%39/evil.example",
    "https://evil.example\t//x",
    "http:/\\evil.example",
    "/accounts\n",
  ])("refuses %j, which a browser could turn into another site", (value) => {
    expect(safeReturnPath(value, "/home")).toBe("/home");
  });

  it("refuses a path too long to be one of ours", () => {
    expect(safeReturnPath(`/${"a".repeat(3000)}`, "/home")).toBe("/home");
  });

  it("gives a path whose origin, resolved as a browser would, is this site", () => {
    for (const value of ["/a/../b", "/./accounts", "/accounts/%2e%2e/admin", "/ok?next=//evil.example"]) {
      const path = safeReturnPath(value, "/home");
      expect(new URL(path, "https://app.example").origin, value).toBe("https://app.example");
      expect(path.startsWith("/") && !path.startsWith("//"), value).toBe(true);
    }
  });
});
