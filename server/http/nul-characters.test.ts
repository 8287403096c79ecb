import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/admin/search-params";
import { DomainError } from "@/server/errors/domain-error";
import { readJson } from "./api-error";
import { findNul, urlHasNul } from "./nul-characters";

describe("NUL characters", () => {
  it("are found in an address, encoded in any case", () => {
    for (const url of ["/admin/accounts?q=%00", "/admin/accounts/%00", "/x?q=a%00b", "/api/accounts/x%00/refresh"]) expect(urlHasNul(url), url).toBe(true);
    for (const url of ["/admin/accounts?q=100", "/a?q=%2500", "/accounts/cl_00"]) expect(urlHasNul(url), url).toBe(false);
  });

  it("are found at their path in parsed JSON, in values and keys", () => {
    expect(findNul({ name: "ok", redirect_uris: ["a", "b\u0000"] })).toBe("redirect_uris.1");
    expect(findNul({ user: { ["e\u0000"]: 1 } })).toBe("user.e\u0000");
    expect(findNul("x\u0000")).toBe("body");
    expect(findNul({ a: ["ok", 1, null, { b: "fine" }] })).toBeNull();
    // A body nested 5,000 deep (the bad-input suite sends one) is walked without recursion.
    expect(findNul(JSON.parse("[".repeat(5000) + "]".repeat(5000)))).toBeNull();
  });

  it("in a JSON body give a 400 naming the field", async () => {
    const request = new Request("http://app.test/api/x", { method: "POST", body: JSON.stringify({ name: "nul\u0000name" }) });
    const error = await readJson(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: "invalid_input", field: "name" });
    expect((error as DomainError).message).toMatch(/^name: must not contain a NUL/);
  });

  it("in an edited list cursor make it no cursor (the first page)", () => {
    expect(decodeCursor(encodeCursor(["Chase\u0000"], "cl_1"))).toBeNull();
    expect(decodeCursor(encodeCursor(["Chase"], "cl_\u0000"))).toBeNull();
    expect(decodeCursor(encodeCursor(["Chase"], "cl_1"))).toEqual({ values: ["Chase"], id: "cl_1" });
  });
});
