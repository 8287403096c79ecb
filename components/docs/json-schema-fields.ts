// Turns the JSON Schemas of the OpenAPI document into rows a reader can scan: one row per field,
// nested inline objects flattened to dotted names (user.email), named objects (a $ref) linked
// rather than expanded, so each object is described once, under its own heading.

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
};

export type Field = {
  name: string;
  /** Words for the type ("string (date-time)", "array of string"); `ref` names a linked object. */
  type: string;
  ref?: string;
  required: boolean;
  nullable: boolean;
  description?: string;
  /** The only values allowed (an enum, or the single value of a const). */
  values?: string[];
  notes: string[];
};

/** "#/components/schemas/Account" → "Account". */
export const refName = (ref: string) => ref.split("/").pop() ?? ref;

// zod's integers carry JavaScript's safe-integer bounds: true, but noise to a reader.
const MEANINGFUL_BOUND = 1e12;

/** A schema that may also be null, as zod writes it (anyOf with null, or a type list with "null"). */
function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (schema.anyOf) {
    const rest = schema.anyOf.filter((s) => s.type !== "null");
    if (rest.length === 1 && rest.length < schema.anyOf.length) return { schema: { ...rest[0], description: schema.description ?? rest[0]!.description }, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    const types = schema.type.filter((t) => t !== "null");
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

function scalarType(schema: JsonSchema): string {
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

function notesOf(schema: JsonSchema): string[] {
  const notes: string[] = [];
  if (schema.default !== undefined) notes.push(`Default: ${JSON.stringify(schema.default)}`);
  const { minimum: min, maximum: max } = schema;
  if (min !== undefined && max !== undefined && Math.abs(min) < MEANINGFUL_BOUND && Math.abs(max) < MEANINGFUL_BOUND) notes.push(`From ${min} to ${max}`);
  if (schema.maxLength !== undefined) notes.push(`At most ${schema.maxLength} characters`);
  if (schema.minItems !== undefined) notes.push(`At least ${schema.minItems}`);
  return notes;
}

const valuesOf = (schema: JsonSchema) =>
  schema.const !== undefined ? [String(schema.const)] : schema.enum?.map(String);

/** One field and, for an inline object (or array of them), its fields under `name.` / `name[].`. */
export function fieldRows(name: string, property: JsonSchema, required: boolean, description?: string): Field[] {
  const { schema, nullable } = withoutNull(property);
  const base = { name, required, nullable, description: description ?? property.description ?? schema.description };
  if (schema.$ref) return [{ ...base, type: refName(schema.$ref), ref: refName(schema.$ref), notes: [] }];
  if (schema.type === "array" && schema.items) {
    const items = schema.items;
    const notes = notesOf(schema);
    if (items.$ref) return [{ ...base, type: `array of ${refName(items.$ref)}`, ref: refName(items.$ref), notes }];
    if (items.properties) return [{ ...base, type: "array of objects", notes }, ...objectRows(items, `${name}[].`)];
    return [{ ...base, type: `array of ${scalarType(items)}`, values: valuesOf(items), notes }];
  }
  if (schema.properties) return [{ ...base, type: "object", notes: [] }, ...objectRows(schema, `${name}.`)];
  return [{ ...base, type: scalarType(schema), values: valuesOf(schema), notes: notesOf(schema) }];
}

/** Every field of an object schema, in the order the schema lists them. */
export function objectRows(schema: JsonSchema, prefix = ""): Field[] {
  const { schema: object } = withoutNull(schema);
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).flatMap(([key, property]) => fieldRows(`${prefix}${key}`, property, required.has(key)));
}

/** The named objects a schema points at, directly or through its fields. */
export function refsOf(schema: JsonSchema): string[] {
  const found: string[] = [];
  const visit = (s: JsonSchema | undefined) => {
    if (!s) return;
    if (s.$ref) found.push(refName(s.$ref));
    s.anyOf?.forEach(visit);
    visit(s.items);
    Object.values(s.properties ?? {}).forEach(visit);
  };
  visit(schema);
  return found;
}
