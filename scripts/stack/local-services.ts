// The services a local run needs when real ones are not configured: an embedded
// PostgreSQL when DATABASE_URL is unset, the Stripe emulator when no Stripe secret key is.
// Each is started in this process and described to the app through environment variables
// only, so the app's code is the same against real PostgreSQL and real Stripe.
import { startEmbeddedPostgres, DEFAULT_DATA_DIR } from "@/tooling/db/embedded-postgres";
import { startEmulator } from "../../emulator/server";

import { EMULATOR_KEYS } from "@/server/stripe/emulator-keys";

export { EMULATOR_KEYS };

export type Services = { env: Record<string, string>; notes: string[]; close(): Promise<void> };

export async function startLocalServices(options: {
  appUrl: string;
  /** Embedded database folder; null = in memory. */
  dataDir?: string | null;
  /** Emulator state folder; null = in memory. */
  emulatorDataDir?: string | null;
  emulatorPort?: number;
}): Promise<Services> {
  const env: Record<string, string> = {};
  const notes: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => {});
  };

  try {
    if (!process.env.DATABASE_URL) {
      const dataDir = options.dataDir === undefined ? DEFAULT_DATA_DIR : (options.dataDir ?? undefined);
      // A fixed port for the saved database, so other commands (npm run reconcile, psql) can
      // reach it while dev runs; in-memory ones (tests) take any free port.
      const db = await startEmbeddedPostgres({ dataDir, port: dataDir ? Number(process.env.EMBEDDED_DB_PORT ?? 54329) : 0 });
      closers.push(() => db.close());
      env.DATABASE_URL = db.url;
      notes.push(`database: embedded PostgreSQL (PGlite) ${dataDir ? `in ${dataDir}` : "in memory"} at ${db.url}`);
    } else {
      notes.push("database: DATABASE_URL");
    }

    if (!process.env.STRIPE_SECRET_KEY) {
      const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? EMULATOR_KEYS.STRIPE_WEBHOOK_SECRET;
      const emulator = await startEmulator({
        port: options.emulatorPort ?? Number(process.env.EMULATOR_PORT ?? 12111),
        persist: options.emulatorDataDir !== null,
        dataDir: options.emulatorDataDir ?? undefined,
        webhookUrls: [`${options.appUrl}/api/webhooks/stripe`],
        webhookSecret,
        businessName: process.env.EMULATOR_BUSINESS_NAME,
      });
      closers.push(() => emulator.close());
      Object.assign(env, EMULATOR_KEYS, {
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_API_BASE: emulator.url,
        STRIPE_JS_URL: `${emulator.url}/v3/stripe.js`,
      });
      notes.push(`stripe: emulator at ${emulator.url} (no STRIPE_SECRET_KEY set)`);
    } else {
      notes.push("stripe: STRIPE_SECRET_KEY");
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { env, notes, close };
}
