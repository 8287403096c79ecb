// GET /api/admin/accounts/export - the filtered accounts table as a streamed CSV file
import { parseAccountFilters } from "@/server/admin/account-filters";
import { exportAccountsCsv, exportFileName } from "@/server/admin/export-accounts";
import { requireAdminApi } from "@/server/auth/guards";
import { withErrors } from "@/server/http/api-error";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (request: Request) => {
  await requireAdminApi();
  const filters = parseAccountFilters(new URL(request.url).searchParams);
  return new Response(exportAccountsCsv(filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
