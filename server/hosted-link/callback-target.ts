// Where an integrator callback may be sent: public https addresses only (SSRF). The URL is
// checked when an admin registers it (this file), and every address its host resolves to is
// checked again at each send (post-callback.ts), because DNS answers can change after that.
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * `allowLoopback`: development's explicit opt-in (CALLBACKS_ALLOW_LOOPBACK) for receivers on
 * this machine, http included; never in production (callback-policy.ts).
 */
export type CallbackPolicy = { allowLoopback: boolean };

export type CallbackUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** ipaddr.js's range names, as an admin reads them. Anything but "unicast" is refused. */
const RANGE_NAMES: Record<string, string> = {
  loopback: "loopback",
  private: "private",
  carrierGradeNat: "private (carrier-grade NAT)",
  linkLocal: "link-local (cloud metadata)",
  uniqueLocal: "unique-local",
  multicast: "multicast",
  unspecified: "unspecified",
  broadcast: "broadcast",
  "6to4": "translation (6to4)",
  teredo: "translation (Teredo)",
  rfc6052: "translation (NAT64)",
  rfc6145: "translation (SIIT)",
};

/** Unicast to ipaddr.js, but not public: IPv4-compatible (::a.b.c.d) and deprecated site-local. */
const EXTRA_RESERVED = [ipaddr.parseCIDR("::/96"), ipaddr.parseCIDR("fec0::/10")];

/**
 * Suffixes that never name a host on the public internet: mDNS (RFC 6762), home networks
 * (RFC 8375) and the private-use TLD ICANN reserved in 2024, where cloud metadata names live.
 */
const PRIVATE_NAME_SUFFIXES = [".local", ".internal", ".home.arpa", ".localdomain", ".lan", ".intranet"];

/**
 * null for a public unicast address, else what kind of address it is. IPv4-mapped IPv6
 * (::ffff:10.0.0.1) is judged as the IPv4 address it stands for.
 */
export function addressCategory(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return "not an IP address";
  }
  const range = parsed.range();
  if (range !== "unicast") return RANGE_NAMES[range] ?? "reserved";
  if (parsed.kind() === "ipv6" && EXTRA_RESERVED.some((cidr) => (parsed as ipaddr.IPv6).match(cidr))) return "reserved";
  return null;
}

/** Whether a send may connect to `address` under `policy`; else why not. */
export function refusedAddress(address: string, policy: CallbackPolicy): string | null {
  const category = addressCategory(address);
  if (category === null || (category === "loopback" && policy.allowLoopback)) return null;
  return category;
}

/** The URL's host as an address or name: brackets and a trailing root dot removed. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
}

function isLoopbackName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

/** `reason`: the cause alone ("10.0.0.1 is a private address"), for messages to build on. */
const refuse = (reason: string): CallbackUrlCheck => ({ ok: false, reason });

/**
 * Whether `value` may be a callback URL: https, no credentials, and a host that is a public
 * IP address or a public DNS name. WHATWG URL parsing has already turned the numeric host
 * forms (2130706433, 0x7f.1, 017700000001, 127.1, percent-encoded digits) into dotted IPv4,
 * so they are judged as the address a connection would really reach.
 */
export function checkCallbackUrl(value: string, policy: CallbackPolicy): CallbackUrlCheck {
  let url: URL;
  try {
    if (value.length > 2000 || /[\s\\\u0000-\u001f\u007f]/.test(value)) throw new Error("not a URL");
    url = new URL(value);
  } catch {
    return refuse("not an https URL");
  }
  if (url.username || url.password) return refuse("no user name or password in the URL");
  const host = bareHost(url);
  const loopback = isIP(host) ? addressCategory(host) === "loopback" : isLoopbackName(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback && policy.allowLoopback)) {
    return refuse("https only");
  }
  if (isIP(host)) {
    const category = refusedAddress(host, policy);
    return category ? refuse(`${host} is a ${category} address`) : { ok: true, url };
  }
  if (isLoopbackName(host)) return policy.allowLoopback ? { ok: true, url } : refuse(`${host} is a loopback name`);
  if (!host.includes(".") || PRIVATE_NAME_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return refuse(`${host} is not a public name`);
  }
  return { ok: true, url };
}
