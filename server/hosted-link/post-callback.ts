// One HTTP POST of an integrator callback, to a vetted address only. The host is resolved
// here (every address, IPv4 and IPv6), each address is checked against the callback rule, and
// the connection goes to the address that was checked: no second lookup that DNS could answer
// differently (rebinding). Redirects are not followed.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { checkCallbackUrl, refusedAddress, type CallbackPolicy } from "./callback-target";

export type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/**
 * What a try came to, coarse on purpose: a refused connection, a reset, a TLS failure, a
 * service that is not HTTP and silence all read "failed", so the status an admin sees cannot
 * tell a closed port from an open one.
 */
export type CallbackOutcome =
  | { kind: "answered"; status: number }
  | { kind: "refused"; reason: string }
  | { kind: "unresolved" }
  | { kind: "failed"; detail?: string };

class RefusedTarget extends Error {}

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A `lookup` for net.connect that answers only with addresses the policy allows, all or none. */
function vettedLookup(policy: CallbackPolicy, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const addresses = found.filter((a) => !options.family || a.family === options.family);
        // One private answer refuses the host: a rebinding name often mixes a public one in.
        const refused = found.map((a) => refusedAddress(a.address, policy)).find((category) => category !== null);
        if (refused) return callback(new RefusedTarget(`${hostname} resolves to a ${refused} address`), "", 0);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: "ENOTFOUND" }), "", 0);
        if (options.all) return (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, "", 0),
    );
  };
}

/** Posts `body` to `target` if the callback rule allows it; never throws. */
export function postCallback(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { policy: CallbackPolicy; timeoutMs: number; resolve?: Resolver },
): Promise<CallbackOutcome> {
  const check = checkCallbackUrl(target, options.policy);
  if (!check.ok) return Promise.resolve({ kind: "refused", reason: check.reason });
  const url = check.url;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return new Promise((settle) => {
    const request = (url.protocol === "https:" ? https : http).request(
      {
        protocol: url.protocol,
        host,
        port: url.port || undefined,
        path: url.pathname + url.search,
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        // An IP literal was vetted above; a name is vetted as it resolves, here.
        ...(isIP(host) ? {} : { lookup: vettedLookup(options.policy, options.resolve ?? systemResolver) }),
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        response.resume(); // the body is not read: only the status counts
        settle({ kind: "answered", status: response.statusCode ?? 0 });
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof RefusedTarget) settle({ kind: "refused", reason: error.message });
      else if (error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") settle({ kind: "unresolved" });
      else settle({ kind: "failed", detail: error.code ?? error.name });
    });
    request.end(body);
  });
}

/** The outcome as stored and shown on the admin pages (never the receiver's own words). */
export function describeOutcome(outcome: CallbackOutcome): string {
  switch (outcome.kind) {
    case "answered":
      return `answered ${outcome.status}`;
    case "refused":
      return `refused: ${outcome.reason}`;
    case "unresolved":
      return "not delivered: the host name did not resolve";
    case "failed":
      return "not delivered: no HTTP answer";
  }
}

const SHOWN_FORMS = /^(answered \d{3}|refused: .+|not delivered: .+)$/;

/**
 * A stored last error as pages and the audit trail show it. Rows written before outcomes were
 * coarse may hold a receiver's raw network error ("connect ECONNREFUSED 10.0.0.7:5432"): those
 * read as a failed delivery too.
 */
export function shownCallbackError(lastError: string | null): string | null {
  if (lastError === null) return null;
  return SHOWN_FORMS.test(lastError) ? lastError : describeOutcome({ kind: "failed" });
}
