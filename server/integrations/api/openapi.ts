import "server-only";
import { z } from "zod";
import { operations, type Operation } from "./operations";
import { apiSchemas, EmptyBody } from "./schemas";

type JsonSchema = Record<string, unknown>;
const REF = (id: string) => `#/components/schemas/${id}`;

/**
 * A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): a named response object by reference
 * to components; a request body inline, in its input form (what a caller sends).
 */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const id = apiSchemas.get(schema)?.id;
  if (id) return { $ref: REF(id) };
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io });
  return rest;
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: REF("Error") } } } });
const COMMON_ERRORS: Record<number, string> = {
  400: "Bad input (a parameter, the JSON body, the Idempotency-Key): error.param names the field",
  401: "Missing, malformed or revoked API key",
  403: "The key lacks the scope this call needs",
  404: "No such object for this integration",
  409: "The object's state does not allow it now (or an Idempotency-Key still in flight)",
  429: "Over the key's rate limit: wait Retry-After seconds",
  500: "Our fault; safe to retry with the same Idempotency-Key",
  503: "Stripe or the database is briefly unavailable: retry after Retry-After seconds",
};

const header = (description: string, type: "string" | "integer" = "string") => ({ description, schema: { type } });
/** What every successful answer carries besides its body. */
const SUCCESS_HEADERS = {
  "Request-Id": header("This request's id: quote it when asking for help"),
  "RateLimit-Limit": header("Requests this key may make a minute", "integer"),
  "RateLimit-Remaining": header("Requests left in this minute", "integer"),
  "RateLimit-Reset": header("Seconds until the minute starts afresh", "integer"),
  "Idempotent-Replayed": header("true when this is the stored answer to an earlier request with the same Idempotency-Key"),
};

function parameters(op: Operation) {
  const list: Record<string, unknown>[] = [];
  for (const [where, schema] of [["path", op.params], ["query", op.query]] as const) {
    if (!schema) continue;
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), ...(description !== undefined && { description }), schema: rest });
    }
  }
  if (op.method === "post") {
    list.push({ name: "Idempotency-Key", in: "header", required: false, description: "Send the same key again to retry safely: the first answer is replayed", schema: { type: "string", maxLength: 255 } });
  }
  return list;
}

function operationObject(op: Operation) {
  const responses: Record<string, unknown> = {
    [op.success.status]: { description: op.success.description, headers: SUCCESS_HEADERS, content: { "application/json": { schema: jsonSchema(op.success.schema, "output") } } },
  };
  for (const status of [...new Set([...op.errors, 400, 401, 403, 429, 500, 503])].sort((a, b) => a - b)) responses[status] = errorResponse(COMMON_ERRORS[status] ?? "Error");
  return {
    operationId: op.id,
    summary: op.summary,
    description: `${op.description}\n\nScope: \`${op.scope}\`.`,
    "x-scope": op.scope,
    parameters: parameters(op),
    // An empty body ({}) may be left out altogether.
    ...(op.body && { requestBody: { required: op.method === "post" && op.body !== EmptyBody, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } }),
    responses,
  };
}

/** The OpenAPI 3.1 document of /api/v1, built from the schemas the routes validate and answer with. */
export function openApiDocument(origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of Object.values(operations) as Operation[]) (paths[op.path] ??= {})[op.method] = operationObject(op);
  const { schemas } = z.toJSONSchema(apiSchemas, { target: "draft-2020-12", io: "output", uri: REF }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id; // zod names each by its components URI, which is not a valid $id
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Linkwell integrator API",
      version: "v1",
      description: "Read your users' linked bank accounts, balances, owners and transactions; refresh, disconnect and delete; charge them by bank debit with the payment method they authorized. Errors are `{error: {type, code, message, param}}`; every answer carries a Request-Id.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An integration's API key: Authorization: Bearer lwk_…" } },
    },
  };
}
