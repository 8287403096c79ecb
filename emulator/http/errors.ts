// Stripe-shaped API errors. Every failure path in the emulator ends as one of these so that
// stripe-node maps it to the same error class (by status) and message as against real Stripe.

export interface StripeErrorExtra {
  code?: string;
  param?: string;
  doc_url?: string;
  decline_code?: string;
  /** The SetupIntent as it stands after a failed confirmation, as Stripe puts it in the error. */
  setup_intent?: Record<string, unknown>;
  /** The PaymentMethod an error is about (Stripe adds it to setup failures). */
  payment_method?: Record<string, unknown>;
}

export class StripeApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly extra: StripeErrorExtra;
  readonly headers: Record<string, string>;
  /** Raised while checking parameters: nothing ran, so the idempotency layer must not store it. */
  readonly beforeExecution: boolean;

  constructor(
    status: number,
    type: string,
    message: string,
    extra: StripeErrorExtra = {},
    opts: { headers?: Record<string, string>; beforeExecution?: boolean } = {},
  ) {
    super(message);
    this.status = status;
    this.type = type;
    this.extra = extra;
    this.headers = opts.headers ?? {};
    this.beforeExecution = opts.beforeExecution ?? false;
  }

  body(requestId: string): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { message: this.message, type: this.type };
    for (const [k, v] of Object.entries(this.extra)) if (v !== undefined) error[k] = v;
    error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId}`;
    return { error };
  }
}

/** 400 for a bad parameter; raised before anything changed. */
export function invalidParam(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", message, { param, code }, { beforeExecution: true });
}

/** 400 for a request that is well-formed but not allowed in the object's current state. */
export function invalidState(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", message, { param, code });
}

export function resourceMissing(kind: string, id: string, param = "id", status = 404): StripeApiError {
  return new StripeApiError(status, "invalid_request_error", `No such ${kind}: '${id}'`, {
    code: "resource_missing",
    param,
    doc_url: "https://stripe.com/docs/error-codes/resource-missing",
  });
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return new StripeApiError(
    404,
    "invalid_request_error",
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    {},
    { beforeExecution: true },
  );
}

export function apiError(message = "An unknown error occurred"): StripeApiError {
  return new StripeApiError(500, "api_error", message);
}
