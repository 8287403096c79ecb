// Checks JSON values against the schemas of Stripe's OpenAPI spec (github.com/stripe/openapi,
// spec3.json): the subset of OpenAPI 3.0 that spec uses for objects ($ref, anyOf, nullable, type,
// enum, maxLength, properties, required, additionalProperties, items). Used by tests only.
import { readFileSync } from "node:fs";

interface Schema {
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  type?: "string" | "integer" | "number" | "boolean" | "object" | "array";
  enum?: unknown[];
  maxLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
}

export interface SchemaReport {
  /** Violations: a wrong type, a missing required property, a value outside an enum… */
  errors: string[];
  /** Properties the spec does not declare (newer than the spec, or invented): paths like `a.b`. */
  unknown: string[];
}

interface SpecDoc {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { name: string; in: string }[] }>>;
}

export class OpenApiSpec {
  private constructor(private readonly doc: SpecDoc) {}

  static load(file: string): OpenApiSpec {
    return new OpenApiSpec(JSON.parse(readFileSync(file, "utf8")) as SpecDoc);
  }

  /** Validates `value` against `components.schemas[name]`; `path` names the root in reports. */
  validate(value: unknown, name: string, path = name): SchemaReport {
    const report: SchemaReport = { errors: [], unknown: [] };
    this.check(value, { $ref: `#/components/schemas/${name}` }, path, report);
    return report;
  }

  /**
   * Every parameter an operation takes, in Stripe's bracket form (`a[b][c]`): form body fields
   * for POST (objects walked through anyOf branches), query parameters for GET.
   */
  parameters(method: "get" | "post", path: string): Set<string> {
    const op = this.doc.paths[path]?.[method];
    if (!op) throw new Error(`no ${method} ${path} in the spec`);
    const out = new Set<string>();
    for (const p of op.parameters ?? []) if (p.in === "query") out.add(p.name);
    const body = op.requestBody?.content["application/x-www-form-urlencoded"]?.schema;
    if (body) this.collect(body, "", out);
    return out;
  }

  private collect(schema: Schema, prefix: string, out: Set<string>): void {
    const s = this.resolve(schema);
    for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) this.collect(branch, prefix, out);
    if (s.type === "array" && s.items) this.collect(s.items, prefix, out);
    for (const [k, child] of Object.entries(s.properties ?? {})) {
      const path = prefix ? `${prefix}[${k}]` : k;
      out.add(path);
      this.collect(child, path, out);
    }
  }

  private resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; s.$ref && i < 20; i++) {
      const name = s.$ref.replace("#/components/schemas/", "");
      const next = this.doc.components.schemas[name];
      if (!next) throw new Error(`unknown schema ${s.$ref}`);
      s = next;
    }
    return s;
  }

  private check(v: unknown, schema: Schema, path: string, report: SchemaReport): void {
    const s = this.resolve(schema);
    const branches = s.anyOf ?? s.oneOf;
    if (branches) {
      if (v === null && s.nullable) return;
      const tries = branches.map((b) => {
        const r: SchemaReport = { errors: [], unknown: [] };
        this.check(v, b, path, r);
        return r;
      });
      const ok = tries.find((r) => r.errors.length === 0);
      const best = ok ?? tries.sort((a, b) => a.errors.length - b.errors.length)[0];
      if (!ok) report.errors.push(`${path}: matches none of ${branches.length} alternatives`);
      report.errors.push(...(ok ? [] : (best?.errors ?? [])));
      report.unknown.push(...(best?.unknown ?? []));
      return;
    }
    if (v === null) {
      if (!s.nullable) report.errors.push(`${path}: null, but not nullable`);
      return;
    }
    if (s.enum && !s.enum.includes(v)) report.errors.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
    const type = s.type ?? (s.properties ? "object" : undefined);
    switch (type) {
      case "string":
        if (typeof v !== "string") report.errors.push(`${path}: expected a string, got ${JSON.stringify(v)}`);
        else if (s.maxLength !== undefined && v.length > s.maxLength) report.errors.push(`${path}: longer than ${s.maxLength}`);
        return;
      case "integer":
        if (!Number.isInteger(v)) report.errors.push(`${path}: expected an integer, got ${JSON.stringify(v)}`);
        return;
      case "number":
        if (typeof v !== "number") report.errors.push(`${path}: expected a number, got ${JSON.stringify(v)}`);
        return;
      case "boolean":
        if (typeof v !== "boolean") report.errors.push(`${path}: expected a boolean, got ${JSON.stringify(v)}`);
        return;
      case "array":
        if (!Array.isArray(v)) report.errors.push(`${path}: expected an array`);
        else if (s.items) v.forEach((item, i) => this.check(item, s.items as Schema, `${path}[${i}]`, report));
        return;
      case "object": {
        if (typeof v !== "object" || Array.isArray(v)) {
          report.errors.push(`${path}: expected an object`);
          return;
        }
        const rec = v as Record<string, unknown>;
        for (const k of s.required ?? []) if (!(k in rec)) report.errors.push(`${path}.${k}: required, missing`);
        for (const [k, child] of Object.entries(rec)) {
          const prop = s.properties?.[k];
          if (prop) this.check(child, prop, `${path}.${k}`, report);
          else if (typeof s.additionalProperties === "object") this.check(child, s.additionalProperties, `${path}.${k}`, report);
          else if (s.additionalProperties === false) report.errors.push(`${path}.${k}: not allowed`);
          else report.unknown.push(`${path}.${k}`);
        }
        return;
      }
    }
  }
}
