import Link from "next/link";
import { ACCOUNT_CATEGORIES, ACCOUNT_STATUSES, ACCOUNT_SUBCATEGORIES, type AccountFilters } from "@/lib/admin/account-filters";
import { statusLabel } from "@/lib/format/status";
import { humanize } from "@/lib/format/words";
import { buttonClasses } from "@/components/ui/button-classes";

const field = "block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 bg-white";
const label = "block text-xs font-medium text-slate-600";

/** A plain GET form: filters land in the URL, so the page stays a server component and works without JS. */
export function AccountFiltersForm({ filters, institutions }: { filters: AccountFilters; institutions: string[] }) {
  const day = (date?: Date) => date?.toISOString().slice(0, 10) ?? "";
  return (
    <form method="get" action="/admin/accounts" role="search" aria-label="Linked accounts" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <label htmlFor="q" className={label}>
            Search
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder="Email, institution, last 4, fca_…, fcsess_…, cus_…"
            className={`${field} mt-1`}
            autoComplete="off"
            maxLength={200}
          />
        </div>
        <div>
          <label htmlFor="status" className={label}>
            Status
          </label>
          <select id="status" name="status" defaultValue={filters.status ?? ""} className={`${field} mt-1`}>
            <option value="">Any status</option>
            {ACCOUNT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="institution" className={label}>
            Institution
          </label>
          <select id="institution" name="institution" defaultValue={filters.institution ?? ""} className={`${field} mt-1`}>
            <option value="">Any institution</option>
            {institutions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="category" className={label}>
            Category
          </label>
          <select id="category" name="category" defaultValue={filters.category ?? ""} className={`${field} mt-1`}>
            <option value="">Any category</option>
            {ACCOUNT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="subcategory" className={label}>
            Subcategory
          </label>
          <select id="subcategory" name="subcategory" defaultValue={filters.subcategory ?? ""} className={`${field} mt-1`}>
            <option value="">Any subcategory</option>
            {ACCOUNT_SUBCATEGORIES.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className={label}>
            Linked from
          </label>
          <input id="from" name="from" type="date" defaultValue={day(filters.linkedFrom)} className={`${field} mt-1`} />
        </div>
        <div>
          <label htmlFor="to" className={label}>
            Linked to
          </label>
          <input id="to" name="to" type="date" defaultValue={day(filters.linkedTo)} className={`${field} mt-1`} />
        </div>
      </div>
      {filters.sort !== "linked" && <input type="hidden" name="sort" value={filters.sort} />}
      <input type="hidden" name="dir" value={filters.dir} />
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="submit" className={buttonClasses("primary", "py-2")}>
          Apply
        </button>
        <Link href="/admin/accounts" className={buttonClasses("ghost", "py-2")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
