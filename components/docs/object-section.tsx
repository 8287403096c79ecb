import type { ObjectView } from "./api-reference-model";
import { FieldTable } from "./field-table";

/** One object the API answers with, described once; fields and operations link here. */
export function ObjectSection({ object }: { object: ObjectView }) {
  return (
    <section id={object.anchor} aria-labelledby={`${object.anchor}-title`} className="scroll-mt-24 space-y-3">
      <h3 id={`${object.anchor}-title`} className="text-lg font-semibold text-slate-900">
        {object.name}
      </h3>
      {object.nullable && <p className="text-sm text-slate-700">A field of this type may be null.</p>}
      <FieldTable caption={`Fields of ${object.name}`} fields={object.fields} kind="output" />
    </section>
  );
}
