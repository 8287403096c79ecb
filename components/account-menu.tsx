"use client";

import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";

/** The signed-in person's menu: who they are, and sign-out. Closes on Escape and outside clicks. */
export function AccountMenu({ email, role }: { email: string; role: "user" | "admin" }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div className="relative" ref={root}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
      >
        <span aria-hidden className="grid h-8 w-8 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700">
          {email.charAt(0).toUpperCase()}
        </span>
        <span className="sr-only">Account menu for </span>
        <span className="hidden max-w-48 truncate sm:inline">{email}</span>
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 text-slate-400" fill="currentColor">
          <path d="M5.2 7.2a.75.75 0 011.06.02L10 11.2l3.74-3.98a.75.75 0 111.1 1.02l-4.3 4.55a.75.75 0 01-1.1 0l-4.3-4.55a.75.75 0 01.06-1.04z" />
        </svg>
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-20 mt-2 w-64 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-200">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium text-slate-900">{email}</p>
            <p className="text-xs text-slate-500">{role === "admin" ? "Administrator" : "Member"}</p>
          </div>
          <button
            type="button"
            role="menuitem"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut({ callbackUrl: "/" });
            }}
            className="w-full rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      )}
    </div>
  );
}
