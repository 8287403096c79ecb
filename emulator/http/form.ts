// Parses Stripe's form encoding: `a[b][0]=x&a[b][1]=y&c[]=z` -> {a: {b: ["x", "y"]}, c: ["z"]}.
// stripe-node always sends indexed arrays; `[]` is accepted too because curl users write it.
import { invalidParam } from "./errors.js";

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const MAX_PAIRS = 5000;
const MAX_DEPTH = 8;

type Node = Map<string, Node | string>;

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    throw invalidParam(`Invalid URL encoding in request: ${s.slice(0, 50)}`);
  }
}

function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const re = /\[([^\[\]]*)\]/y;
  re.lastIndex = open;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key)) !== null) {
    parts.push(m[1] ?? "");
    if (re.lastIndex === key.length) return parts;
  }
  // Unbalanced brackets: keep the raw name so the unknown-parameter check names it.
  return [key];
}

export function parseForm(text: string): FormObject {
  const root: Node = new Map();
  if (!text) return {};
  const pairs = text.split("&");
  if (pairs.length > MAX_PAIRS) throw invalidParam("Too many parameters in request");
  for (const pair of pairs) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? "" : decode(pair.slice(eq + 1));
    const path = splitKey(rawKey);
    if (path.length > MAX_DEPTH) throw invalidParam(`Parameter nesting too deep: ${rawKey}`, rawKey);
    let node = root;
    for (let i = 0; i < path.length; i++) {
      let seg = path[i] ?? "";
      const last = i === path.length - 1;
      // `x[]` appends: give it the next free index.
      if (seg === "" && i > 0) seg = String(node.size);
      const existing = node.get(seg);
      if (last) {
        if (existing instanceof Map) throw invalidParam(`Invalid value for ${rawKey}: it is both a value and a hash`, rawKey);
        node.set(seg, value);
      } else {
        if (typeof existing === "string") throw invalidParam(`Invalid hash for ${rawKey}`, rawKey);
        if (existing) node = existing;
        else {
          const child: Node = new Map();
          node.set(seg, child);
          node = child;
        }
      }
    }
  }
  return finalize(root) as FormObject;
}

function finalize(node: Node): FormObject | FormValue[] {
  const keys = [...node.keys()];
  const allIndexes = keys.length > 0 && keys.every((k) => /^(0|[1-9]\d{0,3})$/.test(k));
  if (allIndexes) {
    const arr: FormValue[] = [];
    for (const k of keys.sort((a, b) => Number(a) - Number(b))) {
      const v = node.get(k);
      if (v !== undefined) arr.push(v instanceof Map ? finalize(v) : v);
    }
    return arr;
  }
  const obj: FormObject = {};
  for (const [k, v] of node) {
    Object.defineProperty(obj, k, { value: v instanceof Map ? finalize(v) : v, enumerable: true, writable: true, configurable: true });
  }
  return obj;
}
