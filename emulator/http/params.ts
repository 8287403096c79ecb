// A small parameter schema with Stripe's error messages. zod would work too, but Stripe's errors
// name the offending parameter in bracket form (`account_holder[type]`), which is easiest to do
// while walking the form tree ourselves.
import { invalidParam } from "./errors.js";
import type { FormObject, FormValue } from "./form.js";

export type Field =
  | { t: "string"; required?: boolean; max?: number; url?: boolean; emptyable?: boolean }
  | { t: "id"; required?: boolean; prefix?: string }
  | { t: "int"; required?: boolean; min?: number; max?: number; emptyable?: boolean }
  | { t: "bool"; required?: boolean }
  | { t: "enum"; values: readonly string[]; required?: boolean }
  | { t: "array"; of: Field; required?: boolean; max?: number }
  | { t: "object"; fields: Record<string, Field>; required?: boolean; emptyable?: boolean }
  | { t: "metadata"; required?: boolean }
  | { t: "range"; required?: boolean };

export type Params = Record<string, unknown>;

export const expandField: Field = { t: "array", of: { t: "string" }, max: 20 };
export const listFields: Record<string, Field> = {
  limit: { t: "int", min: 1, max: 100 },
  starting_after: { t: "string" },
  ending_before: { t: "string" },
  expand: expandField,
};

function oneOf(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")}, or ${values[values.length - 1]}`;
}

function show(v: FormValue): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function checkField(f: Field, v: FormValue, path: string): unknown {
  switch (f.t) {
    case "string": {
      if (typeof v !== "string") throw invalidParam(`Invalid string: ${show(v)}`, path);
      if (f.max !== undefined && v.length > f.max)
        throw invalidParam(`Invalid ${path}: must be at most ${f.max} characters`, path);
      if (f.url) {
        let ok = false;
        try {
          const u = new URL(v);
          ok = /^[a-z][a-z0-9+.-]*:$/.test(u.protocol) && (u.protocol !== "http:" && u.protocol !== "https:" ? true : u.host !== "");
        } catch {
          ok = false;
        }
        if (!ok) throw invalidParam(`Invalid URL: ${v}`, path, "url_invalid");
      }
      return v;
    }
    case "id": {
      if (typeof v !== "string" || v === "") throw invalidParam(`Invalid string: ${show(v)}`, path);
      return v;
    }
    case "int": {
      if (f.emptyable && v === "") return "";
      if (typeof v !== "string" || !/^-?\d{1,15}$/.test(v)) throw invalidParam(`Invalid integer: ${show(v)}`, path);
      const n = Number(v);
      if (f.min !== undefined && n < f.min)
        throw invalidParam(`Invalid ${path}: must be greater than or equal to ${f.min}`, path);
      if (f.max !== undefined && n > f.max)
        throw invalidParam(`Invalid ${path}: must be less than or equal to ${f.max}`, path);
      return n;
    }
    case "bool": {
      if (v !== "true" && v !== "false") throw invalidParam(`Invalid boolean: ${show(v)}`, path);
      return v === "true";
    }
    case "enum": {
      if (typeof v !== "string" || !f.values.includes(v))
        throw invalidParam(`Invalid ${path}: must be one of ${oneOf(f.values)}`, path);
      return v;
    }
    case "array": {
      // A single value where an array is expected is an error at Stripe too.
      if (!Array.isArray(v)) {
        if (v === "") return [];
        throw invalidParam(`Invalid array`, path);
      }
      if (f.max !== undefined && v.length > f.max)
        throw invalidParam(`Invalid ${path}: must have at most ${f.max} elements`, path);
      return v.map((item, i) => checkField(f.of, item, `${path}[${i}]`));
    }
    case "object": {
      if (f.emptyable && v === "") return "";
      if (typeof v !== "object" || Array.isArray(v)) throw invalidParam(`Invalid object`, path);
      return checkObject(v, f.fields, path);
    }
    case "metadata": {
      if (v === "") return "";
      if (typeof v !== "object" || Array.isArray(v)) throw invalidParam(`Invalid object`, path);
      const out: Record<string, string> = {};
      const keys = Object.keys(v);
      if (keys.length > 50) throw invalidParam(`Invalid ${path}: at most 50 keys`, path);
      for (const k of keys) {
        const item = v[k];
        if (typeof item !== "string") throw invalidParam(`Invalid string: ${show(item ?? "")}`, `${path}[${k}]`);
        if (k.length > 40) throw invalidParam(`Metadata keys must be at most 40 characters`, `${path}[${k}]`);
        if (item.length > 500) throw invalidParam(`Metadata values must be at most 500 characters`, `${path}[${k}]`);
        out[k] = item;
      }
      return out;
    }
    case "range": {
      if (typeof v === "string") return { eq: checkField({ t: "int" }, v, path) };
      if (Array.isArray(v)) throw invalidParam(`Invalid object`, path);
      return checkObject(v, { gt: { t: "int" }, gte: { t: "int" }, lt: { t: "int" }, lte: { t: "int" } }, path);
    }
  }
}

function checkObject(obj: FormObject, fields: Record<string, Field>, prefix: string): Params {
  const out: Params = {};
  for (const key of Object.keys(obj)) {
    const path = prefix ? `${prefix}[${key}]` : key;
    const f = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (!f) throw invalidParam(`Received unknown parameter: ${path}`, path);
    const value = obj[key];
    if (value === undefined) continue;
    out[key] = checkField(f, value, path);
  }
  for (const [key, f] of Object.entries(fields)) {
    if (f.required && out[key] === undefined) {
      const path = prefix ? `${prefix}[${key}]` : key;
      throw invalidParam(`Missing required param: ${path}.`, path, "parameter_missing");
    }
  }
  return out;
}

/** Validates the whole request's parameters against `fields`; unknown names are a 400 naming them. */
export function validate(params: FormObject, fields: Record<string, Field>): Params {
  return checkObject(params, fields, "");
}

export function str(p: Params, key: string): string | undefined {
  const v = p[key];
  return typeof v === "string" ? v : undefined;
}
export function num(p: Params, key: string): number | undefined {
  const v = p[key];
  return typeof v === "number" ? v : undefined;
}
export function strArray(p: Params, key: string): string[] | undefined {
  const v = p[key];
  return Array.isArray(v) ? (v as string[]) : undefined;
}
export function obj(p: Params, key: string): Params | undefined {
  const v = p[key];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Params) : undefined;
}
