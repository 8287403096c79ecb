import { describe, expect, it } from "vitest";
import { isTransientDatabaseError } from "./transient-errors";

function withCode(message: string, code: string, cause?: unknown) {
  return Object.assign(new Error(message, { cause }), { code });
}

describe("isTransientDatabaseError", () => {
  it("retries lost connections, failovers, pool timeouts and conflicts", () => {
    expect(isTransientDatabaseError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientDatabaseError(withCode("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isTransientDatabaseError(withCode("could not serialize access", "40001"))).toBe(true);
    expect(isTransientDatabaseError(withCode("Timed out fetching a new connection", "P2024"))).toBe(true);
    expect(isTransientDatabaseError(withCode("Unable to start a transaction in the given time.", "P2028"))).toBe(true);
    expect(isTransientDatabaseError(new Error("query failed", { cause: withCode("connect", "ECONNREFUSED") }))).toBe(true);
  });

  it("does not retry mistakes a retry would repeat", () => {
    expect(isTransientDatabaseError(withCode("Unique constraint failed", "P2002"))).toBe(false);
    expect(isTransientDatabaseError(withCode('relation "x" does not exist', "42P01"))).toBe(false);
    expect(isTransientDatabaseError(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(isTransientDatabaseError("Connection terminated")).toBe(false);
  });
});
