// Who is on the other end of the TCP connection, for decisions that must not trust anything the
// client sends. Next.js does not hand route handlers the socket, and it keeps a client's own
// X-Forwarded-For as it is (it only fills it in when absent), so that header proves nothing.
// Instead every request the process's HTTP server receives gets PEER_ADDRESS_HEADER set from its
// socket, overwriting whatever the client sent under that name, before Next.js sees it.
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

export const PEER_ADDRESS_HEADER = "x-linkwell-peer-address";

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
const marker = Symbol.for("linkwell.peer-address-stamp");

/** Installs the stamp on every HTTP(S) server of this process (idempotent). */
export function stampPeerAddresses(): void {
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as Record<string | symbol, unknown>[]) {
    if (proto[marker]) continue;
    const emit = proto.emit as Emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
      }
      return emit.call(this, event, ...args);
    } satisfies Emit;
    proto[marker] = true;
  }
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x: the connection came from this machine. */
export function isLoopbackAddress(address: string | null | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().replace(/^::ffff:/, "");
  if (isIP(plain) === 4) return plain.startsWith("127.");
  return isIP(plain) === 6 && /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(plain);
}

/**
 * Whether the request came over a loopback connection, by its socket. Without the stamp (a
 * server this process did not set up) the answer is no: fail closed.
 */
export function isLoopbackClient(headers: Headers): boolean {
  return isLoopbackAddress(headers.get(PEER_ADDRESS_HEADER));
}
