// Integrator callbacks go only to public https addresses: the URL is checked when an admin
// registers it, and every address its name resolves to is checked again at each send.
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressCategory, checkCallbackUrl } from "./callback-target";
import { describeOutcome, postCallback } from "./post-callback";

const PRODUCTION = { allowLoopback: false };
const LOCAL_RECEIVERS = { allowLoopback: true };

describe("checkCallbackUrl (registration)", () => {
  it.each([
    ["https://169.254.169.254/latest/meta-data/", /link-local/],
    ["https://10.0.0.1/hooks", /private/],
    ["https://172.16.5.4/", /private/],
    ["https://192.168.1.1/", /private/],
    ["https://100.64.0.1/", /carrier-grade NAT/],
    ["https://100.100.100.200/", /carrier-grade NAT/],
    ["https://[fd00::1]/", /unique-local/],
    ["https://[fd00:ec2::254]/", /unique-local/],
    ["https://[fe80::1]/", /link-local/],
    ["https://[::1]/", /loopback/],
    ["https://[::]/", /unspecified/],
    ["https://[::ffff:127.0.0.1]/", /loopback/],
    ["https://[::ffff:a00:1]/", /private/],
    ["https://[::7f00:1]/", /reserved/],
    ["https://[64:ff9b::a00:1]/", /translation/],
    ["https://[2002:a00:1::]/", /translation/],
    ["https://[ff02::1]/", /multicast/],
    ["https://224.0.0.1/", /multicast/],
    ["https://255.255.255.255/", /broadcast/],
    ["https://0.0.0.0/", /unspecified/],
    ["https://0/", /unspecified/],
    ["https://2130706433/", /loopback/],
    ["https://0x7f.1/", /loopback/],
    ["https://017700000001/", /loopback/],
    ["https://127.1/", /loopback/],
    ["https://%31%32%37.0.0.1/", /loopback/],
    ["https://localhost/", /loopback/],
    ["https://LOCALHOST./", /loopback/],
    ["https://api.localhost/", /loopback/],
    ["https://metadata.google.internal/", /not a public name/],
    ["https://printer.local/", /not a public name/],
    ["https://router.home.arpa/", /not a public name/],
    ["https://intranet/", /not a public name/],
    ["http://127.0.0.1:5432/", /https/],
    ["http://api.example.com/hooks", /https/],
    ["ftp://api.example.com/", /https/],
    ["https://user:pw@api.example.com/", /user name or password/],
    ["not a url", /https URL/],
  ])("refuses %s in production", (url, reason) => {
    const check = checkCallbackUrl(url, PRODUCTION);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toMatch(reason);
  });

  it("accepts public https URLs, IP literals included", () => {
    for (const url of ["https://api.example.com/hooks/linkwell?token=abc", "https://8.8.8.8/", "https://[2606:4700::1111]:8443/x", "https://hooks.example.com."]) {
      expect(checkCallbackUrl(url, PRODUCTION)).toMatchObject({ ok: true });
    }
  });

  it("with the development opt-in, accepts loopback receivers (http too) and nothing else private", () => {
    for (const url of ["http://127.0.0.1:4000/hooks", "http://localhost:4000/", "https://[::1]:4000/", "http://[::ffff:127.0.0.1]/"]) {
      expect(checkCallbackUrl(url, LOCAL_RECEIVERS)).toMatchObject({ ok: true });
    }
    for (const url of ["https://10.0.0.1/", "https://169.254.169.254/", "https://[fd00::1]/", "http://api.example.com/"]) {
      expect(checkCallbackUrl(url, LOCAL_RECEIVERS).ok).toBe(false);
    }
  });
});

describe("addressCategory", () => {
  it("names every non-public address and passes public ones", () => {
    expect(addressCategory("8.8.8.8")).toBeNull();
    expect(addressCategory("2606:4700::1111")).toBeNull();
    expect(addressCategory("::ffff:8.8.8.8")).toBeNull();
    expect(addressCategory("127.0.0.53")).toBe("loopback");
    expect(addressCategory("::ffff:169.254.169.254")).toMatch(/link-local/);
    expect(addressCategory("fec0::1")).toMatch(/reserved/);
    expect(addressCategory("198.18.0.1")).toMatch(/reserved/);
  });
});

describe("postCallback (each send)", () => {
  // A plain TCP listener: it counts connections, whatever is spoken on them.
  let server: Server;
  let port: number;
  let connections = 0;
  const sockets: Socket[] = [];
  let behaviour: (socket: Socket) => void = (socket) => socket.destroy();

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      sockets.push(socket);
      behaviour(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (url: string, policy: { allowLoopback: boolean }, resolve?: (host: string) => Promise<{ address: string; family: number }[]>) =>
    postCallback(url, "{}", {}, { policy, timeoutMs: 1_000, ...(resolve && { resolve }) });

  it("refuses a public-looking name that resolves to a private or loopback address, before connecting", async () => {
    connections = 0;
    const rebinding = async () => [{ address: "93.184.216.34", family: 4 }, { address: "127.0.0.1", family: 4 }];
    expect(await send(`https://hooks.example.com:${port}/`, PRODUCTION, rebinding)).toEqual({
      kind: "refused",
      reason: "hooks.example.com resolves to a loopback address",
    });
    const metadata = async () => [{ address: "fd00:ec2::254", family: 6 }];
    expect(await send(`https://hooks.example.com:${port}/`, PRODUCTION, metadata)).toMatchObject({ kind: "refused", reason: /unique-local/ });
    expect(connections).toBe(0);
  });

  it("refuses localhost and literal private addresses stored before the rule, without connecting", async () => {
    connections = 0;
    expect(await send(`https://localhost:${port}/`, PRODUCTION)).toMatchObject({ kind: "refused" });
    expect(await send(`http://127.0.0.1:${port}/`, PRODUCTION)).toMatchObject({ kind: "refused" });
    expect(await send(`https://10.0.0.1:${port}/`, PRODUCTION)).toMatchObject({ kind: "refused", reason: /private/ });
    expect(connections).toBe(0);
  });

  it("connects to the address it vetted, not to a second resolution", async () => {
    connections = 0;
    let lookups = 0;
    const once = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    await send(`https://hooks.example.com:${port}/`, LOCAL_RECEIVERS, once);
    expect(connections).toBe(1);
    expect(lookups).toBe(1);
  });

  it("reports a closed port, a non-HTTP service and a silent one alike: no port scanning through the status", async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    const outcomes = [await send(`http://127.0.0.1:${closed}/`, LOCAL_RECEIVERS)];
    behaviour = (socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\n");
    outcomes.push(await send(`http://127.0.0.1:${port}/`, LOCAL_RECEIVERS));
    behaviour = () => undefined; // never answers
    outcomes.push(await send(`http://127.0.0.1:${port}/`, LOCAL_RECEIVERS));
    behaviour = (socket) => socket.end("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n");
    const answered = await send(`http://127.0.0.1:${port}/`, LOCAL_RECEIVERS);
    behaviour = (socket) => socket.destroy();

    expect(outcomes.map(describeOutcome)).toEqual(Array(3).fill("not delivered: no HTTP answer"));
    expect(describeOutcome(answered)).toBe("answered 503");
  });
});
