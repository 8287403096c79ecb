// Checks answers of /api/v1 against the OpenAPI document the app serves: the schema of the
// operation's documented status, with the document's own components (JSON Schema 2020-12).
// Framework-free, so Vitest and Playwright tests both use it: it returns the problems found.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

const DOCUMENT_ID = "https://linkwell.test/openapi.json";

export function openApiResponses(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const compiled = new Map<string, ValidateFunction>();
  const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

  /** What is wrong with `body` as the answer to `method path` with `status`: nothing when it is what the document promises. */
  return function problemsWith(method: string, path: string, status: number, body: unknown): string[] {
    const operation = document.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not in the document`];
    if (!operation.responses[String(status)]) return [`${method} ${path} does not document status ${status}`];
    const ref = `${DOCUMENT_ID}#/${pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${method} ${path} ${status}: ${e.instancePath || "/"} ${e.message ?? ""}`);
  };
}
