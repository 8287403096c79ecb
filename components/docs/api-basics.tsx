import { TableCard, Td } from "@/components/ui/table";
import type { ApiReference } from "./api-reference-model";
import { Code, CodeBlock } from "./code-block";
import { NameHeader } from "./field-table";
import { DocSubsection, Prose } from "./doc-section";

// What each error.type means to a caller; the list of types itself comes from the Error schema.
const ERROR_TYPE_MEANING: Record<string, string> = {
  invalid_request_error: "The request cannot be served as sent: a bad parameter or body (400), an unknown object (404), or an object whose state does not allow it (409).",
  authentication_error: "No API key, or one that is not valid, has expired or was revoked (401).",
  permission_error: "The key lacks the scope the call needs (403, code insufficient_scope), or the call is not allowed at all (403).",
  rate_limit_error: "Too many requests (429): wait Retry-After seconds.",
  idempotency_error: "The Idempotency-Key was malformed or used with another request (400), or its first request is still running (409).",
  api_error: "Our side failed (500), or a service is briefly unavailable (503 with Retry-After). Safe to retry with the same Idempotency-Key.",
};

const ERROR_EXAMPLE = `HTTP/1.1 400 Bad Request
Request-Id: 5b0e7c1e-2f7d-4d8a-9c61-0c6f3f0a9e42
Content-Type: application/json

{
  "error": {
    "type": "invalid_request_error",
    "code": "parameter_missing",
    "message": "redirect_uri: is required",
    "param": "redirect_uri"
  }
}`;

const link = "font-medium text-brand-700 underline underline-offset-2";

/** Authentication with its scopes (from the operations), and the error format (types from the Error schema). */
export function ApiBasics({ reference }: { reference: ApiReference }) {
  return (
    <>
      <DocSubsection id="authentication" title="Authentication and scopes">
        <Prose>
          <p>
            Every call sends an API key of your integration as a bearer token: <Code>Authorization: Bearer lwk_…</Code>. An administrator creates the
            integration and its keys at <Code>/admin/integrations</Code>; a key&apos;s secret is shown once. Keep it on your server, never in an app. A
            missing, unknown, expired or revoked key gets <Code>401</Code>.
          </p>
          <p>Each key carries scopes; a call needs the scope listed below, else it gets <Code>403</Code> with code <Code>insufficient_scope</Code>.</p>
        </Prose>
        <TableCard caption="Scopes and the operations that need them" columns={["Scope", { label: "Operations", className: "w-full" }]}>
          {reference.scopes.map(({ scope, operations }) => (
            <tr key={scope}>
              <NameHeader name={scope} />
              <Td>
                <ul className="space-y-1">
                  {operations.map((op) => (
                    <li key={op.anchor}>
                      <a href={`#${op.anchor}`} className={link}>
                        {op.summary}
                      </a>
                    </li>
                  ))}
                </ul>
              </Td>
            </tr>
          ))}
        </TableCard>
      </DocSubsection>

      <DocSubsection id="errors" title="Errors">
        <Prose>
          <p>
            A failed call answers with a 4xx or 5xx status and a JSON body <Code>{"{error: {type, code, message, param}}"}</Code>. Branch on{" "}
            <Code>type</Code> and <Code>code</Code> (for example <Code>parameter_missing</Code>, <Code>parameter_invalid</Code>, <Code>resource_missing</Code>,{" "}
            <Code>insufficient_scope</Code>, <Code>idempotency_key_reused</Code>); <Code>message</Code> is for people and may change; <Code>param</Code>, when
            present, names the field at fault, with a path for nested ones (<Code>user.email</Code>, <Code>features.0</Code>). An unknown field is an error
            too: its name is the <Code>param</Code>.
          </p>
        </Prose>
        <CodeBlock code={ERROR_EXAMPLE} label="Example error answer" />
        <TableCard caption="Error types" columns={["Type", { label: "Meaning", className: "w-full" }]}>
          {reference.errorTypes.map((type) => (
            <tr key={type}>
              <NameHeader name={type} />
              <Td className="text-slate-700">{ERROR_TYPE_MEANING[type]}</Td>
            </tr>
          ))}
        </TableCard>
      </DocSubsection>
    </>
  );
}
