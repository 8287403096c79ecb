import type { ReactNode } from "react";
import { requireAdmin } from "@/server/auth/guards";

// The role check runs here, above loading.tsx's boundary: once the skeleton has streamed the
// status is sent, so a check inside the page could no longer answer a non-admin with a 404.
export default async function AdminOverviewLayout({ children }: { children: ReactNode }) {
  await requireAdmin("/admin");
  return children;
}
