import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { objectAnchor, type OperationView } from "./api-reference-model";
import { Code, CodeBlock } from "./code-block";
import { FieldTable } from "./field-table";

const METHOD_TONE: Record<string, Tone> = { GET: "blue", POST: "green", DELETE: "red" };

export function MethodBadge({ method }: { method: string }) {
  return (
    <Badge tone={METHOD_TONE[method] ?? "slate"} className="font-mono">
      {method}
    </Badge>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
      {children}
    </div>
  );
}

/** One operation of /api/v1: what it does, what it takes, what it answers, and a curl line. */
export function OperationSection({ op, commonErrors }: { op: OperationView; commonErrors: number[] }) {
  const { path: pathParams, query, header } = op.parameters;
  const specific = op.errors.filter((e) => !commonErrors.includes(e.status));
  return (
    <section id={op.anchor} aria-labelledby={`${op.anchor}-title`} className="scroll-mt-24 space-y-5 border-t border-slate-200 pt-8">
      <div className="space-y-2">
        <h3 id={`${op.anchor}-title`} className="text-lg font-semibold text-slate-900">
          {op.summary}
        </h3>
        <p className="flex flex-wrap items-center gap-2">
          <MethodBadge method={op.method} />
          <code className="font-mono text-sm font-medium break-all text-slate-900">{op.path}</code>
        </p>
      </div>
      <p className="max-w-3xl text-sm leading-6 text-slate-700">{op.description}</p>
      <p className="text-sm text-slate-700">
        Scope: <Code>{op.scope}</Code>
      </p>

      {pathParams.length > 0 && (
        <Part title="Path parameters">
          <FieldTable caption={`${op.summary}: path parameters`} fields={pathParams} kind="input" />
        </Part>
      )}
      {query.length > 0 && (
        <Part title="Query parameters">
          <FieldTable caption={`${op.summary}: query parameters`} fields={query} kind="input" />
        </Part>
      )}
      {op.body && (
        <Part title="Body (JSON)">
          {op.body.length > 0 ? (
            <FieldTable caption={`${op.summary}: body fields`} fields={op.body} kind="input" />
          ) : (
            <p className="text-sm text-slate-700">
              No fields: send no body, or <Code>{"{}"}</Code>.
            </p>
          )}
        </Part>
      )}

      {header.length > 0 && (
        <Part title="Headers">
          <FieldTable caption={`${op.summary}: headers`} fields={header} kind="input" />
        </Part>
      )}

      <Part title="Response">
        <p className="text-sm text-slate-700">
          <Code>{op.success.status}</Code> {op.success.description}
          {op.success.object && (
            <>
              : {/^[AEIOU]/.test(op.success.object) ? "an" : "a"} <a href={`#${objectAnchor(op.success.object)}`} className="font-medium text-brand-700 underline underline-offset-2">{op.success.object}</a> object.
            </>
          )}
        </p>
        {op.success.fields.length > 0 && (
          <details className="group rounded-xl ring-1 ring-slate-200">
            <summary className="cursor-pointer rounded-xl bg-white px-4 py-2.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              Fields of {op.success.object}
            </summary>
            <div className="p-2">
              <FieldTable caption={`${op.summary}: response fields`} fields={op.success.fields} kind="output" />
            </div>
          </details>
        )}
      </Part>

      <Part title="Errors">
        <ul className="space-y-1 text-sm text-slate-700">
          {specific.map((e) => (
            <li key={e.status}>
              <Code>{e.status}</Code> {e.description}
            </li>
          ))}
          <li>
            As any call may: {commonErrors.join(", ")} (see <a href="#errors" className="font-medium text-brand-700 underline underline-offset-2">Errors</a>).
          </li>
        </ul>
      </Part>

      <Part title="Example">
        <CodeBlock code={op.curl} label={`${op.summary}: curl example`} />
      </Part>
    </section>
  );
}
