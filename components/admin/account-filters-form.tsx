import {
  ACCOUNT_CATEGORIES,
  ACCOUNT_STATUSES,
  ACCOUNT_SUBCATEGORIES,
  OWNERSHIP_FILTERS,
  PAYMENTS_FILTERS,
  type AccountFilters,
  type PaymentsFilter,
} from "@/server/admin/account-filters";
import { VERDICT_LABELS } from "@/lib/ownership/stored-match";
import { statusLabel } from "@/lib/format/status";
import { humanize } from "@/lib/format/words";
import { FilterButtons, SelectField, TextField } from "@/components/ui/form-field";

const PAYMENTS_FILTER_LABELS: Record<PaymentsFilter, string> = {
  active: "Active mandate",
  inactive: "Authorized before, none active",
  none: "Never authorized",
};

/** A plain GET form: filters land in the URL, so the page stays a server component and works without JS. */
export function AccountFiltersForm({ filters, institutions }: { filters: AccountFilters; institutions: string[] }) {
  const day = (date?: Date) => date?.toISOString().slice(0, 10) ?? "";
  return (
    <form method="get" action="/admin/accounts" role="search" aria-label="Linked accounts" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          name="q"
          label="Search"
          type="search"
          className="sm:col-span-2"
          defaultValue={filters.q ?? ""}
          placeholder="Email, institution, last 4, fca_…, fcsess_…, cus_…"
          autoComplete="off"
          maxLength={200}
        />
        <SelectField name="status" label="Status" anyLabel="Any status" defaultValue={filters.status} options={ACCOUNT_STATUSES.map((s) => [s, statusLabel(s)] as const)} />
        <SelectField name="institution" label="Institution" anyLabel="Any institution" defaultValue={filters.institution} options={institutions.map((name) => [name, name] as const)} />
        <SelectField name="category" label="Category" anyLabel="Any category" defaultValue={filters.category} options={ACCOUNT_CATEGORIES.map((c) => [c, humanize(c)] as const)} />
        <SelectField name="subcategory" label="Subcategory" anyLabel="Any subcategory" defaultValue={filters.subcategory} options={ACCOUNT_SUBCATEGORIES.map((c) => [c, humanize(c)] as const)} />
        <SelectField
          name="ownership"
          label="Ownership"
          anyLabel="Any ownership"
          defaultValue={filters.ownership}
          options={OWNERSHIP_FILTERS.map((o) => [o, o === "not_confirmed" ? "Not confirmed (partial or unconfirmed)" : VERDICT_LABELS[o]] as const)}
        />
        <SelectField
          name="payments"
          label="Payments"
          anyLabel="Any payments"
          defaultValue={filters.payments}
          options={PAYMENTS_FILTERS.map((p) => [p, PAYMENTS_FILTER_LABELS[p]] as const)}
        />
        <TextField name="from" label="Linked from" type="date" defaultValue={day(filters.linkedFrom)} />
        <TextField name="to" label="Linked to" type="date" defaultValue={day(filters.linkedTo)} />
      </div>
      {filters.sort !== "linked" && <input type="hidden" name="sort" value={filters.sort} />}
      <input type="hidden" name="dir" value={filters.dir} />
      <FilterButtons submitLabel="Apply" clearHref="/admin/accounts" className="mt-4" />
    </form>
  );
}
