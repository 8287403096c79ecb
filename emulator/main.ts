// CLI: `tsx emulator/main.ts [--port N] [--reset]`. Reads EMULATOR_PORT, EMULATOR_DATA_DIR,
// EMULATOR_WEBHOOK_URLS, STRIPE_WEBHOOK_SECRET, EMULATOR_PUBLIC_URL, EMULATOR_BUSINESS_NAME (see README.md).
import { startEmulator, DEFAULT_WEBHOOK_SECRET } from "./server.js";
import { wipeDataDir } from "./store/store.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i !== -1) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

const port = Number(arg("--port") ?? process.env.EMULATOR_PORT ?? 12111);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${arg("--port") ?? process.env.EMULATOR_PORT}`);
  process.exit(2);
}
const dataDir = process.env.EMULATOR_DATA_DIR || ".data/emulator";
if (process.argv.includes("--reset")) wipeDataDir(dataDir);

const webhookUrls = (process.env.EMULATOR_WEBHOOK_URLS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const secret = process.env.STRIPE_WEBHOOK_SECRET || DEFAULT_WEBHOOK_SECRET;

async function main(): Promise<void> {
const emulator = await startEmulator({
  port,
  host: process.env.EMULATOR_HOST || "127.0.0.1",
  dataDir,
  webhookUrls,
  webhookSecret: secret,
  publicUrl: process.env.EMULATOR_PUBLIC_URL || undefined,
  businessName: process.env.EMULATOR_BUSINESS_NAME || undefined,
});
console.log(`Stripe emulator listening on ${emulator.url}`);
if (webhookUrls.length) console.log(`[emulator] forwarding events to ${webhookUrls.join(", ")}${secret === DEFAULT_WEBHOOK_SECRET ? ` (default secret ${secret})` : ""}`);

let closing = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (closing) process.exit(1);
    closing = true;
    void emulator.close().then(() => process.exit(0));
  });
}
}

main().catch((err: unknown) => {
  console.error(`[emulator] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
