import "server-only";
import { DomainError, type ErrorKind } from "@/server/errors/domain-error";
import { describeError } from "@/server/http/api-error";

/** The `error.type` values of the integrator API, as Stripe's API names its own. */
export const API_ERROR_TYPES = ["invalid_request_error", "authentication_error", "permission_error", "rate_limit_error", "idempotency_error", "api_error"] as const;
export type ApiErrorType = (typeof API_ERROR_TYPES)[number];

export type ApiErrorBody = { error: { type: ApiErrorType; code: string; message: string; param?: string } };

const BY_KIND: Record<ErrorKind, { type: ApiErrorType; code: string }> = {
  invalid_input: { type: "invalid_request_error", code: "parameter_invalid" },
  unauthenticated: { type: "authentication_error", code: "api_key_invalid" },
  forbidden: { type: "permission_error", code: "forbidden" },
  not_found: { type: "invalid_request_error", code: "resource_missing" },
  conflict: { type: "invalid_request_error", code: "state_conflict" },
  gone: { type: "invalid_request_error", code: "resource_gone" },
  too_large: { type: "invalid_request_error", code: "body_too_large" },
  rate_limited: { type: "rate_limit_error", code: "rate_limited" },
  unavailable: { type: "api_error", code: "service_unavailable" },
};

/**
 * Any failure as the integrator API answers it: the status and headers the app's one error
 * mapping gives (server/http/api-error.ts), in Stripe's shape `{error: {type, code, message,
 * param}}`. A parameter named in the message as `field: …` is `param`, and "is required" makes
 * the code `parameter_missing`, as Stripe's do.
 */
export function apiErrorAnswer(error: unknown): { status: number; headers: Record<string, string>; body: ApiErrorBody } {
  const described = describeError(error);
  const known = error instanceof DomainError ? error : null;
  const base = known ? BY_KIND[known.kind] : { type: "api_error" as const, code: described.status === 503 ? "service_unavailable" : "internal_error" };
  let code = known?.code ?? base.code;
  if (!known?.code && known?.kind === "invalid_input" && /: is required\b/.test(known.message)) code = "parameter_missing";
  const type: ApiErrorType = code.startsWith("idempotency_") ? "idempotency_error" : base.type;
  const body: ApiErrorBody = { error: { type, code, message: described.message, ...(described.field && { param: described.field }) } };
  return { status: described.status, headers: described.headers, body };
}
