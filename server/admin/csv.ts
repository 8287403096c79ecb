import { stringify } from "csv-stringify/sync";

type Cell = string | number | bigint | boolean | null | undefined;

// Cells that a spreadsheet would run as a formula (=, +, -, @ first) get a leading quote mark,
// so an institution or owner name cannot inject a formula into an admin's spreadsheet.
const FORMULA = /^[=+\-@\t\r]/;
const neutralize = (value: string) => (FORMULA.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value);

const OPTIONS = {
  record_delimiter: "windows",
  cast: { string: neutralize, bigint: (value: bigint) => value.toString(), boolean: (value: boolean) => String(value) },
} as const;

/** RFC 4180 rows (csv-stringify): quoted where needed, CRLF line ends, formulas neutralised. */
export function csvRows(rows: readonly (readonly Cell[])[]): string {
  return rows.length ? stringify(rows as Cell[][], OPTIONS) : "";
}

export function csvLine(values: readonly Cell[]): string {
  return csvRows([values]);
}
