// Calling a server action from outside the app, as a browser's React does, to check who may.
//
// Next serves every server action at the path of a page that uses it: a POST to that page with
// the header `Next-Action: <action id>` runs the action instead of rendering the page. The id is
// a hash that changes with every build (salted with the build's encryption key), so it is read
// from the server-reference manifest of the server being called: `.next/server/` for the
// production build, `.next/dev/server/` for the development server (written as it compiles the
// pages that use an action, so call the page once first). The manifest maps each id to the file
// and export it runs and to the pages ("workers") whose bundles hold it.
//
// The body is React's reply encoding of the action's arguments, made here by the same encoder the
// browser uses (encodeReply from the react-server-dom build Next ships and decodes with): a form
// action built with useActionState takes (previous state, form data). Encoded, that is
// multipart/form-data with the argument list's JSON in field "0" and the form's fields under a
// prefix it names ("$K1" -> "_1_<name>" in React 19.2; the encoder keeps that detail out of here).
// The answer is React's Flight stream (text/x-component): lines "<row id>:<JSON>", the root row
// "0" naming the action's result as "a" (inline, or "$@<row>" for a later row). A caller that the
// proxy refuses never reaches the action at all (a redirect or a 4xx, no Flight).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";

export type ManifestAction = { id: string; file: string; name: string; pages: string[] };
/** An action by where it lives: stable across builds, unlike its id. */
export const actionKey = (action: { file: string | null; name: string | null }) => `${action.file}#${action.name}`;

/** Every server action of the build in `distDir` (".next" or ".next/dev"), with the app pages that hold it ("/admin/users/[id]"). */
export function manifestActions(distDir: string): ManifestAction[] {
  const manifest = JSON.parse(readFileSync(join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node?: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node ?? {}).map(([id, action]) => ({
    id,
    file: action.filename,
    name: action.exportedName,
    // "app/admin/users/[id]/page" -> "/admin/users/[id]"; route groups "(admin)" are not in URLs.
    pages: Object.keys(action.workers)
      .filter((worker) => worker.startsWith("app/") && worker.endsWith("/page"))
      .map((worker) => worker.slice("app".length, -"/page".length).replace(/\/\([^/)]+\)/g, "") || "/"),
  }));
}

/** The id of `key`'s action on the server whose build is in `distDir`; fails naming the key when that build has none. */
export function actionId(distDir: string, key: string): string {
  const found = manifestActions(distDir).find((action) => actionKey(action) === key);
  expect(found, `server action ${key} in ${distDir}/server/server-reference-manifest.json (open a page that uses it first on a development server)`).toBeTruthy();
  return found!.id;
}

type EncodeReply = (args: unknown[]) => Promise<FormData | string>;
// The browser build's encoder, from the app's own Next (Turbopack builds use the turbopack flavour).
const { encodeReply: encode } = createRequire(join(process.cwd(), "package.json"))("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
  encodeReply: EncodeReply;
};

/** The arguments as a multipart body (encodeReply answers a plain string for arguments without files or forms). */
async function encodeReply(args: unknown[]): Promise<FormData> {
  const encoded = await encode(args);
  if (typeof encoded !== "string") return encoded;
  const body = new FormData();
  body.set("0", encoded);
  return body;
}

export type ActionAnswer = {
  /** The HTTP status: 200 when the action ran (its outcome is in `state`), else what refused it. */
  httpStatus: number;
  /** The ActionState the action returned; null when it did not run or redirected. */
  state: { status: string; message?: string; field?: string } | null;
  /** Where the action sent the browser (its redirect()), when it did. */
  redirect?: string;
};

/** Runs a form action (prev state, FormData) at `url` (a page that holds it) with these form fields, as `caller`. */
export async function callFormAction(caller: APIRequestContext, url: string, id: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<ActionAnswer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const multipart = await encodeReply([{ status: "idle" }, form]);
  const response = await caller.fetch(url, {
    method: "POST",
    headers: { "Next-Action": id, Accept: "text/x-component", Origin: new URL(url).origin, ...headers },
    multipart,
    maxRedirects: 0,
    timeout: 120_000,
  });
  const type = response.headers()["content-type"] ?? "";
  if (response.status() !== 200 || !type.startsWith("text/x-component")) return { httpStatus: response.status(), state: null };
  // A redirect() answers 200 with the target in this header (and the target page's Flight as the body).
  const redirect = response.headers()["x-action-redirect"];
  if (redirect) return { httpStatus: 200, state: null, redirect: redirect.split(";")[0] };
  return { httpStatus: 200, state: actionResult(await response.text()) };
}

/** The action's result in a Flight answer: the root row's "a", followed to its row when outlined. */
export function actionResult(flight: string): ActionAnswer["state"] {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const root = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
  let result = root?.a;
  if (typeof result === "string" && result.startsWith("$@")) result = JSON.parse(rows.get(result.slice(2)) ?? "null");
  if (!result || typeof result !== "object" || !("status" in result)) throw new Error(`no action result in the Flight answer: ${flight.slice(0, 500)}`);
  return result as ActionAnswer["state"];
}
