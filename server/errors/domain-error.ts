// What the domain throws when a request cannot be done: a kind of failure and a message that is
// safe to show the caller, never an HTTP status. server/http/api-error.ts is the one place kinds
// become answers (status, headers, body), so server code outside HTTP can throw these too.

/** Kinds of failure, named for what happened rather than how HTTP says it. */
export type ErrorKind =
  | "invalid_input" //  the input is malformed or not allowed (names `field`)
  | "unauthenticated" // no one is signed in, or the credential is missing or wrong
  | "forbidden" // the caller is known but may not do this
  | "not_found" // no such thing, or not the caller's (never tells which)
  | "conflict" // the thing's state does not allow it now
  | "gone" // it existed and has ended (an expired or used link)
  | "too_large" // the input is over its size limit
  | "rate_limited" // too many tries: `retryAfterSeconds` says when
  | "unavailable"; // a dependency is down or not configured

export interface DomainErrorDetails {
  /** The input field at fault. */
  field?: string;
  /** When trying again makes sense. */
  retryAfterSeconds?: number;
  /** The same request may succeed later (an upstream outage): the UI offers "Try again". */
  retryable?: boolean;
  /** How to authenticate instead: a bearer API key. */
  challenge?: "bearer";
  /** A machine-readable reason for API callers (the integrator API's `error.code`). */
  code?: string;
}

export class DomainError extends Error {
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly retryable: boolean;
  readonly challenge?: "bearer";
  readonly code?: string;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.field = details.field;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.retryable = details.retryable ?? false;
    this.challenge = details.challenge;
    this.code = details.code;
  }
}
