// Checks answers of /api/v1 against the OpenAPI document the app serves: the schema of the
// operation's documented status, with the document's own components (JSON Schema 2020-12).
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";

type Document = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

const DOCUMENT_ID = "https://linkwell.test/openapi.json";

export function openApiResponses(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const compiled = new Map<string, ValidateFunction>();
  const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

  /** Fails the test unless `body` is what the document promises for `method path` answered with `status`. */
  return function expectDocumented(method: string, path: string, status: number, body: unknown): void {
    const operation = document.paths[path]?.[method.toLowerCase()];
    expect(operation, `${method} ${path} is in the document`).toBeDefined();
    expect(operation!.responses[String(status)], `${method} ${path} documents status ${status}`).toBeDefined();
    const ref = `${DOCUMENT_ID}#/${pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    const valid = validate(body);
    expect(valid ? [] : validate.errors, `${method} ${path} ${status} matches the document`).toEqual([]);
  };
}
