import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { isLoopbackAddress, isLoopbackClient, PEER_ADDRESS_HEADER, stampPeerAddresses } from "./peer-address";

describe("the peer address", () => {
  it("is loopback only for this machine's addresses", () => {
    for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"]) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["192.0.2.2", "10.0.0.1", "::ffff:10.0.0.1", "fd00::2", "::", "0.0.0.0", "", null, undefined, "127.0.0.1, 10.0.0.1", "localhost"]) {
      expect(isLoopbackAddress(a), String(a)).toBe(false);
    }
  });

  it("comes from the socket: a client's own header of that name, or X-Forwarded-For, is overwritten", async () => {
    stampPeerAddresses();
    stampPeerAddresses(); // idempotent
    const seen: Record<string, string | string[] | undefined>[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ ...req.headers });
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "192.0.2.9", "x-forwarded-for": "127.0.0.1" } });
    } finally {
      server.close();
    }
    expect(seen[0]![PEER_ADDRESS_HEADER]).toBe("127.0.0.1");
  });

  it("decides a request by the stamp only: none, or a forwarded-for claim, is not loopback", () => {
    expect(isLoopbackClient(new Headers({ [PEER_ADDRESS_HEADER]: "127.0.0.1" }))).toBe(true);
    expect(isLoopbackClient(new Headers({ [PEER_ADDRESS_HEADER]: "192.0.2.2" }))).toBe(false);
    expect(isLoopbackClient(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe(false);
  });
});
