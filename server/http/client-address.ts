import "server-only";
import { env } from "@/server/env";
import { PEER_ADDRESS_HEADER } from "@/server/security/peer-address";

/**
 * The client's address, for per-client limits. With no trusted proxy in front (the default) it is
 * the socket's address: X-Forwarded-For is whatever the client wrote. Behind TRUSTED_PROXY_HOPS
 * proxies it is the address the outermost one saw: the entry that many places from the end of
 * X-Forwarded-For (entries further left were written by the client and prove nothing).
 */
export function clientAddress(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): string {
  const peer = headers.get(PEER_ADDRESS_HEADER) || "unknown";
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return forwarded[forwarded.length - hops] ?? forwarded[0] ?? peer;
}
