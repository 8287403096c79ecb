"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonClasses } from "./ui/button-classes";

/** The header's sign-in link, left out on hosted linking pages: people there come from an app, signed out on purpose. */
export function SignInLink() {
  if (usePathname().startsWith("/link/")) return null;
  return (
    <Link href="/signin" className={buttonClasses("secondary", "py-2")}>
      Sign in
    </Link>
  );
}
