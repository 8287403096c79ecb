// `npm run reconcile`: re-syncs every stored account and pending link session from Stripe
// (server/reconcile). Safe to run any time and as often as you like: a second run changes nothing.
// Run with `tsx --conditions=react-server` so lib's `import "server-only"` resolves to its
// empty server build outside Next.js.
import { disconnectPrisma } from "@/server/db/client";
import { reconcile } from "@/server/reconcile/reconcile";
import { loadEnvFile } from "./stack/load-env-file";

async function main() {
  loadEnvFile();
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set (put it in .env or the environment)");
  if (!process.env.STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY is not set (and STRIPE_API_BASE for the emulator)");
  const started = performance.now();
  const summary = await reconcile({ log: (line) => console.log(`  ${line}`) });
  const { accounts: a, linkSessions: s } = summary;
  console.log(
    `reconciled in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `accounts ${a.checked} checked, ${a.changed} changed, ${a.failed} failed; ` +
      `link sessions ${s.checked} pending, ${s.completed} completed, ${s.cancelled} cancelled, ${s.stillOpen} still open, ${s.failed} failed; ` +
      `ownership verdicts ${summary.ownership.verdictsChanged} changed`,
  );
  await disconnectPrisma();
  if (a.failed + s.failed > 0) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(`reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
  await disconnectPrisma().catch(() => {});
  process.exit(1);
});
