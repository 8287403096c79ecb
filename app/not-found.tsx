import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-classes";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-2 text-slate-600">The page you are looking for does not exist or has moved.</p>
      <Link href="/" className={buttonClasses("secondary", "mt-6")}>
        Back to the start
      </Link>
    </div>
  );
}
