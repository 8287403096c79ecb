import { getCurrentUser } from "@/server/auth/guards";
import { AccountMenu } from "./account-menu";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { SignInLink } from "./sign-in-link";

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:gap-6 sm:px-6">
        <Logo />
        {user && (
          <nav aria-label="Main" className="flex items-center gap-1">
            <NavLink href="/accounts">Accounts</NavLink>
            {user.role === "admin" && <NavLink href="/admin">Admin</NavLink>}
          </nav>
        )}
        <div className="ml-auto">
          {user ? (
            <AccountMenu email={user.email ?? user.name ?? "Signed in"} role={user.role} />
          ) : (
            <SignInLink />
          )}
        </div>
      </div>
    </header>
  );
}
