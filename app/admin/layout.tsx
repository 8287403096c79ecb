import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { getCurrentUser } from "@/server/auth/guards";

// Only the navigation depends on this check; every page still calls requireAdmin itself,
// which sends anonymous visitors to sign-in and shows non-admins a 404.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (user?.role !== "admin") return children;
  return (
    <div className="space-y-6">
      <AdminNav />
      {children}
    </div>
  );
}
