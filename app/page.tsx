import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-classes";
import { getCurrentUser } from "@/server/auth/guards";

const features = [
  {
    title: "Link in under a minute",
    body: "Pick your bank, sign in with it, choose the accounts. Stripe Financial Connections does the secure part.",
  },
  {
    title: "Balances, transactions, owners",
    body: "See current and available balances, the transactions your bank shares and who owns each account, refreshed on demand.",
  },
  {
    title: "You stay in control",
    body: "Disconnect an account at any time. We never see your bank password, and we only read what you allow.",
  },
];

export default async function LandingPage() {
  const user = await getCurrentUser();
  return (
    <div className="space-y-16">
      <section className="mx-auto max-w-3xl pt-4 text-center sm:pt-10">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">Bank account linking</p>
        <h1 className="mt-3 text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
          Connect your bank accounts, securely.
        </h1>
        <p className="mx-auto mt-5 max-w-2xl text-lg text-slate-600">
          Linkwell links your checking, savings and credit accounts through Stripe Financial Connections, and shows
          your balances, transactions and ownership in one place.
        </p>
        <div className="mt-8 flex flex-col items-center justify-center gap-3 sm:flex-row">
          {user ? (
            <Link href="/accounts" className={buttonClasses("primary", "px-6 py-3 text-base")}>
              Go to your accounts
            </Link>
          ) : (
            <Link href="/signin" className={buttonClasses("primary", "px-6 py-3 text-base")}>
              Sign in to get started
            </Link>
          )}
        </div>
      </section>
      <section aria-label="Features" className="grid gap-4 sm:grid-cols-3">
        {features.map((f) => (
          <div key={f.title} className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <h2 className="font-semibold text-slate-900">{f.title}</h2>
            <p className="mt-2 text-sm leading-6 text-slate-600">{f.body}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
