"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { signOut } from "@/server/auth/actions";

/**
 * The signed-in person's menu: who they are, their profile, and sign-out. A native <details>, so it opens and
 * signs out without JavaScript; once React runs it also closes on Escape and outside clicks.
 */
export function AccountMenu({ email, role }: { email: string; role: "user" | "admin" }) {
  const root = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const menu = root.current;
    if (!menu) return;
    const close = () => {
      menu.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && menu.open) {
        close();
        menu.querySelector("summary")?.focus();
      }
    };
    const onClick = (e: MouseEvent) => !menu.contains(e.target as Node) && close();
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, []);

  return (
    <details className="relative" ref={root}>
      <summary
        aria-haspopup="menu"
        className="flex cursor-pointer list-none items-center gap-2 rounded-full py-1 pl-1 pr-2 text-sm font-medium text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden className="grid h-8 w-8 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700">
          {email.charAt(0).toUpperCase()}
        </span>
        <span className="sr-only">Account menu for </span>
        <span className="hidden max-w-48 truncate sm:inline">{email}</span>
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 text-slate-400" fill="currentColor">
          <path d="M5.2 7.2a.75.75 0 011.06.02L10 11.2l3.74-3.98a.75.75 0 111.1 1.02l-4.3 4.55a.75.75 0 01-1.1 0l-4.3-4.55a.75.75 0 01.06-1.04z" />
        </svg>
      </summary>
      <div role="menu" className="absolute right-0 z-20 mt-2 w-64 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-200">
        <div className="px-3 py-2">
          <p className="truncate text-sm font-medium text-slate-900">{email}</p>
          <p className="text-xs text-slate-500">{role === "admin" ? "Administrator" : "Member"}</p>
        </div>
        <Link href="/profile" role="menuitem" className="block rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
          Your profile
        </Link>
        <form action={signOut}>
          <SignOutButton />
        </form>
      </div>
    </details>
  );
}

function SignOutButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" role="menuitem" disabled={pending} className="w-full rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
