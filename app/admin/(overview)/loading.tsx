import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";

// The overview counts every account and session: on a large deployment that takes a moment,
// so the page's frame shows at once. Only the overview has a loading boundary: with JavaScript
// off a streamed boundary is never revealed, and the other admin pages hold forms that must
// work without it.
export default function AdminOverviewLoading() {
  return (
    <div className="space-y-8">
      <PageHeader title="Admin overview" description="How linking is going and what needs attention." />
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Counting accounts and sessions…
      </p>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="mt-3 h-8 w-16" />
          </div>
        ))}
      </div>
      <Card className="space-y-4">
        <Skeleton className="h-5 w-56" />
        <Skeleton className="h-64 w-full" />
      </Card>
    </div>
  );
}
