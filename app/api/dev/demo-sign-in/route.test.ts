// The demo sign-in makes anyone an admin: it answers only on a development server and only to a
// connection from this machine, and it sends the browser back to this site only.
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/server/security/peer-address";
import { POST } from "./route";

function demoSignIn(peer: string | null, form: Record<string, string> = { as: "admin" }, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", ...extra };
  if (peer !== null) headers[PEER_ADDRESS_HEADER] = peer;
  return POST(new Request("http://localhost:3000/api/dev/demo-sign-in", { method: "POST", headers, body: new URLSearchParams(form).toString() }));
}

describe("POST /api/dev/demo-sign-in", () => {
  it("signs in a client on this machine", async () => {
    const response = await demoSignIn("127.0.0.1");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin");
    expect(response.headers.get("set-cookie")).toContain("session-token");
  });

  it.each([
    ["another machine", "192.0.2.2"],
    ["an IPv6 neighbour", "fd00::2"],
    ["no socket address (a server without the stamp)", null],
  ])("answers 404 to %s, whatever X-Forwarded-For claims", async (_name, peer) => {
    const response = await demoSignIn(peer, { as: "admin" }, { "x-forwarded-for": "127.0.0.1" });
    expect(response.status).toBe(404);
    expect(response.headers.get("set-cookie") ?? "").not.toContain("session-token");
  });

  it.each(["/\t/evil.example", "/\n/evil.example", "/%09/evil.example", "/\\evil.example", "//evil.example"])(
    "never sends the browser off-site for callbackUrl %j",
    async (callbackUrl) => {
      const response = await demoSignIn("127.0.0.1", { as: "user", callbackUrl });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/accounts");
    },
  );
});
