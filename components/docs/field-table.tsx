import type { ReactNode } from "react";
import { TableCard, Td } from "@/components/ui/table";
import { objectAnchor } from "./api-reference-model";
import type { Field } from "./json-schema-fields";

/**
 * Fields as two columns (the name with its type and whether it is required, then what it means)
 * so a table stays readable at phone width. `kind` says whose fields they are: a caller sends
 * "input" (required matters), the API answers "output" (every field is present unless marked).
 */
export function FieldTable({ caption, fields, kind }: { caption: string; fields: Field[]; kind: "input" | "output" }) {
  return (
    <TableCard caption={caption} columns={["Field", { label: "Description", className: "w-full" }]}>
      {fields.map((field) => (
        <tr key={field.name}>
          <NameHeader name={field.name}>
            <span className="mt-1 block text-xs text-slate-500">
              {field.ref ? <TypeWithLink type={field.type} name={field.ref} /> : field.type}
              {field.nullable && " or null"}
            </span>
            <Presence field={field} kind={kind} />
          </NameHeader>
          <Td className="text-slate-700">
            {field.description && <p>{field.description}</p>}
            {field.values && (
              <p className={field.description ? "mt-1" : undefined}>
                {field.values.length === 1 ? "Always " : "One of "}
                {field.values.map((value, i) => (
                  <span key={value}>
                    {i > 0 && ", "}
                    <code className="font-mono text-xs text-slate-800">{value}</code>
                  </span>
                ))}
              </p>
            )}
            {field.notes.length > 0 && <p className="mt-1 text-xs text-slate-500">{field.notes.join(" · ")}</p>}
          </Td>
        </tr>
      ))}
    </TableCard>
  );
}

/** A row's heading cell: an API name (field, type, scope), then whatever more the row says about it. */
export function NameHeader({ name, children }: { name: string; children?: ReactNode }) {
  return (
    <th scope="row" className="min-w-40 border-t border-slate-100 px-4 py-3 text-left align-top font-normal sm:min-w-60">
      <code className="font-mono text-[13px] font-semibold text-slate-900">
        <BreakableName name={name} />
      </code>
      {children}
    </th>
  );
}

/** Long names (supported_payment_method_types) may wrap after _ . - only, never mid-word, so the column stays narrow. */
function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[._-])/);
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 && <wbr />}
      {part}
    </span>
  ));
}

function Presence({ field, kind }: { field: Field; kind: "input" | "output" }) {
  if (kind === "input") {
    return field.required ? <span className="mt-1 block text-xs font-medium text-amber-800">required</span> : <span className="mt-1 block text-xs text-slate-500">optional</span>;
  }
  return field.required ? null : <span className="mt-1 block text-xs text-slate-500">may be absent</span>;
}

/** "array of Account" with the object's name linking to its description. */
function TypeWithLink({ type, name }: { type: string; name: string }) {
  const [before] = type.split(name);
  return (
    <>
      {before}
      <a href={`#${objectAnchor(name)}`} className="font-medium text-brand-700 underline underline-offset-2">
        {name}
      </a>
    </>
  );
}
