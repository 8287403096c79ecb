// What /docs/api shows, read from the operations registry (server/integrations/api/operations.ts)
// and the OpenAPI document built from it (openapi.ts): parameters, bodies and responses come from
// the document's JSON Schemas, never from a second copy written by hand.
import { curlCommand } from "./curl-example";
import { fieldRows, objectRows, refName, refsOf, type Field, type JsonSchema } from "./json-schema-fields";

/** What the page needs of one entry of the operations registry. */
export type OperationInput = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string;
  example?: unknown;
  success: { status: number; description: string };
};

/** The parts of the OpenAPI document the page reads (typed loosely there: plain JSON). */
export type OpenApiInput = { servers: { url: string }[]; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

type JsonContent = { "application/json": { schema: JsonSchema } };
type ParameterObject = { name: string; in: "path" | "query" | "header"; required: boolean; description?: string; schema: JsonSchema };
type OperationObject = {
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; content: JsonContent };
  responses: Record<string, { description: string; content?: JsonContent }>;
};

export type OperationView = {
  id: string;
  anchor: string;
  method: string;
  /** The full path a caller sends: /api/v1/accounts/{id}. */
  path: string;
  summary: string;
  description: string;
  scope: string;
  parameters: { path: Field[]; query: Field[]; header: Field[] };
  /** null when the operation takes no body; an empty list when it takes an empty one. */
  body: Field[] | null;
  success: { status: number; description: string; object?: string; fields: Field[] };
  errors: { status: number; description: string }[];
  curl: string;
};

export type ObjectView = { name: string; anchor: string; nullable: boolean; fields: Field[] };

export const operationAnchor = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const objectAnchor = (name: string) => `object-${name.toLowerCase()}`;

function operationView(op: OperationInput, document: OpenApiInput): OperationView {
  const spec = document.paths[op.path]?.[op.method] as OperationObject | undefined;
  if (!spec) throw new Error(`${op.method} ${op.path} is not in the OpenAPI document`);
  const parameters = { path: [] as Field[], query: [] as Field[], header: [] as Field[] };
  for (const p of spec.parameters ?? []) parameters[p.in].push(...fieldRows(p.name, p.schema, p.required, p.description));
  const bodySchema = spec.requestBody?.content["application/json"].schema;
  const response = spec.responses[String(op.success.status)]?.content?.["application/json"].schema;
  const object = response?.$ref ? refName(response.$ref) : undefined;
  const baseUrl = document.servers[0]?.url ?? "/api/v1";
  return {
    id: op.id,
    anchor: operationAnchor(op.id),
    method: op.method.toUpperCase(),
    path: `${new URL(baseUrl, "http://x").pathname}${op.path}`,
    summary: op.summary,
    description: op.description,
    scope: op.scope,
    parameters,
    body: bodySchema ? objectRows(bodySchema) : null,
    success: { status: op.success.status, description: op.success.description, object, fields: object ? objectRows(schemaOf(document, object)) : [] },
    errors: Object.entries(spec.responses)
      .map(([status, r]) => ({ status: Number(status), description: r.description }))
      .filter((r) => r.status >= 400),
    curl: curlCommand({ method: op.method, baseUrl, path: op.path, body: op.example }),
  };
}

const schemaOf = (document: OpenApiInput, name: string) => (document.components.schemas[name] ?? {}) as JsonSchema;

/**
 * Every named object, in reading order: the operations' responses first, then what they point
 * at (breadth first), then any left (the error object).
 */
function objectViews(operations: OperationView[], document: OpenApiInput): ObjectView[] {
  const order: string[] = [];
  const queue = operations.flatMap((op) => (op.success.object ? [op.success.object] : []));
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (order.includes(name)) continue;
    order.push(name);
    queue.push(...refsOf(schemaOf(document, name)));
  }
  for (const name of Object.keys(document.components.schemas)) if (!order.includes(name)) order.push(name);
  return order.map((name) => {
    const schema = schemaOf(document, name);
    return { name, anchor: objectAnchor(name), nullable: Boolean(schema.anyOf?.some((s) => s.type === "null")), fields: objectRows(schema) };
  });
}

/** The error statuses every operation documents (the rest are particular to an operation). */
function commonErrorStatuses(operations: OperationView[]): number[] {
  const [first, ...rest] = operations;
  return (first?.errors ?? []).map((e) => e.status).filter((status) => rest.every((op) => op.errors.some((e) => e.status === status)));
}

/** Each scope with the operations that need it, in the order the operations come. */
function scopesOf(operations: OperationView[]) {
  const scopes = new Map<string, OperationView[]>();
  for (const op of operations) scopes.set(op.scope, [...(scopes.get(op.scope) ?? []), op]);
  return [...scopes].map(([scope, ops]) => ({ scope, operations: ops.map((op) => ({ summary: op.summary, anchor: op.anchor })) }));
}

/** The values of error.type, from the Error object's schema. */
function errorTypesOf(document: OpenApiInput): string[] {
  const error = objectRows(schemaOf(document, "Error")).find((field) => field.name === "error.type");
  return error?.values ?? [];
}

export function apiReference(operations: OperationInput[], document: OpenApiInput) {
  const views = operations.map((op) => operationView(op, document));
  return {
    baseUrl: document.servers[0]?.url ?? "/api/v1",
    operations: views,
    objects: objectViews(views, document),
    commonErrors: commonErrorStatuses(views),
    scopes: scopesOf(views),
    errorTypes: errorTypesOf(document),
  };
}

export type ApiReference = ReturnType<typeof apiReference>;
