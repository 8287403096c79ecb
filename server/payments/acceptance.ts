import "server-only";
import { isIP } from "node:net";
import { DomainError } from "@/server/errors/domain-error";
import { clientAddress } from "@/server/http/client-address";
import type { Acceptance } from "./authorize-account";

const MAX_USER_AGENT = 500;

/**
 * The acceptance a mandate records, from the request the person accepted with: their address
 * (the socket's, or the trusted proxy's view of it: never a header the client wrote), their
 * browser and now. Stripe refuses a mandate without a valid IP, so neither is guessed.
 */
export function acceptanceFrom(headers: Headers, source: Acceptance["source"]): Acceptance {
  const address = clientAddress(headers).replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (isIP(address) === 0) throw new DomainError("invalid_input", "We could not tell which address you accepted from; try again.");
  const userAgent = (headers.get("user-agent") ?? "").slice(0, MAX_USER_AGENT).trim();
  if (!userAgent) throw new DomainError("invalid_input", "Your browser did not say what it is (no User-Agent); a mandate needs it.");
  return { ip: address, userAgent, at: new Date(), source };
}
