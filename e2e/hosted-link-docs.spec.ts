// Every curl example in docs/mobile-integration.md, run against the app as written (with the
// docs' host, key and ids filled in), and its answer held to the documented one: the status
// line, the JSON's shape, and error messages word for word. The docs cannot drift from the code.
import { readFileSync } from "node:fs";
import { expect, request as requests, test } from "@playwright/test";
import { createApiKeyAsAdmin, signInAsDemo } from "./fixtures";

const DOC = readFileSync("docs/mobile-integration.md", "utf8");
const DOC_HOST = "https://linkwell.example.com";

type Example = { command: string; status: number; body: unknown };

/** Each ```sh block with curl, and the ```http answer that follows it. */
function examples(): Example[] {
  const blocks = [...DOC.matchAll(/```(sh|http)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1]!, text: m[2]! }));
  const found: Example[] = [];
  blocks.forEach((block, i) => {
    if (block.kind !== "sh" || !block.text.includes("curl ")) return;
    const answer = blocks[i + 1];
    if (answer?.kind !== "http") throw new Error(`curl example ${found.length + 1} has no http answer after it`);
    const [statusLine, ...rest] = answer.text.split("\n");
    const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine ?? "")?.[1]);
    found.push({ command: block.text, status, body: JSON.parse(rest.join("\n")) });
  });
  return found;
}

/** A shell word list: 'single', "double" (with $VARS), bare words, backslash-newline joins. */
function words(command: string, vars: Record<string, string>): string[] {
  const text = command.replace(/\\\n/g, " ");
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let word = "";
    while (i < text.length && !/\s/.test(text[i]!)) {
      const c = text[i]!;
      if (c === "'") {
        const end = text.indexOf("'", i + 1);
        word += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        const end = text.indexOf('"', i + 1);
        word += text.slice(i + 1, end).replace(/\$(\w+)/g, (_, name: string) => vars[name] ?? "");
        i = end + 1;
      } else {
        word += c;
        i++;
      }
    }
    out.push(word.replace(/\$(\w+)/g, (_, name: string) => vars[name] ?? ""));
  }
  return out;
}

function parseCurl(command: string, vars: Record<string, string>) {
  const argv = words(command, vars);
  expect(argv[0]).toBe("curl");
  const headers: Record<string, string> = {};
  let url = "";
  let data: string | undefined;
  let method: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-H") {
      const [name, ...value] = argv[++i]!.split(":");
      headers[name!.trim().toLowerCase()] = value.join(":").trim();
    } else if (arg === "-d") data = argv[++i];
    else if (arg === "-X") method = argv[++i];
    else if (arg === "-sS") continue;
    else url = arg;
  }
  return { url, headers, data, method: method ?? (data !== undefined ? "POST" : "GET") };
}

/** The documented JSON's shape: the same keys at every level (the first array item stands for all). */
function expectSameShape(actual: unknown, documented: unknown, path = "body") {
  if (documented === null || actual === null) return;
  if (Array.isArray(documented)) {
    expect(Array.isArray(actual), path).toBe(true);
    if (documented.length > 0 && (actual as unknown[]).length > 0) expectSameShape((actual as unknown[])[0], documented[0], `${path}[0]`);
    return;
  }
  if (typeof documented === "object") {
    expect(typeof actual, path).toBe("object");
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(documented).sort());
    for (const [key, value] of Object.entries(documented)) expectSameShape((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  expect(typeof actual, path).toBe(typeof documented);
}

test("every curl example in docs/mobile-integration.md answers as documented", async ({ page, baseURL }) => {
  await signInAsDemo(page, "admin");
  const vars = { LINKWELL_API_KEY: (await createApiKeyAsAdmin(page, "Docs Example", ["myapp://linked"])).secret };

  const list = examples();
  expect(list.length).toBeGreaterThanOrEqual(3);
  let linkSessionId = "";
  // A context of its own: no cookie, as a backend calls.
  const api = await requests.newContext();
  for (const [n, example] of list.entries()) {
    const request = parseCurl(example.command, vars);
    const url = request.url.replace(DOC_HOST, baseURL!).replace("cm3…", linkSessionId);
    const response = await api.fetch(url, {
      method: request.method,
      headers: request.headers,
      ...(request.data !== undefined && { data: request.data }),
    });
    const label = `example ${n + 1}: ${request.method} ${request.url}`;
    expect(response.status(), `${label}: ${await response.text()}`).toBe(example.status);
    const body = (await response.json()) as Record<string, unknown>;
    expectSameShape(body, example.body);
    if (example.status >= 400) expect(body, label).toEqual(example.body);
    if (typeof body.link_session_id === "string") linkSessionId = body.link_session_id;
  }
  expect(linkSessionId).not.toBe("");
  await api.dispose();
});
