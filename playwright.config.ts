import { execSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";

/**
 * Chromium: PLAYWRIGHT_CHROMIUM_PATH, else a `chromium` on PATH (Debian's package), else
 * Playwright's own download (undefined lets Playwright pick it).
 */
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const found = execSync(`command -v ${name}`, { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
      if (found) return found;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
const PROD_PORT = APP_PORT + 1;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 90_000,
  // On the embedded database (one transaction at a time) with both workers busy on 2 cores, a
  // save behind the authorization matrix's burst of requests was measured at 18 s in CI.
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // A fresh database and emulator for the run, the app in development mode on APP_PORT
    // and the production build (made by `npm run build` first) on PROD_PORT.
    command: `npx tsx scripts/e2e-stack.ts --port ${APP_PORT}`,
    // Ready when the stack says so: after it has compiled the app's routes (see warmUp there).
    wait: { stdout: /e2e stack ready/ },
    timeout: 240_000,
    // Playwright's default is SIGKILL, which skips the stack's shutdown: its test database
    // would be left on a PostgreSQL server after every run.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});

export const E2E = { appUrl: `http://localhost:${APP_PORT}`, prodUrl: `http://localhost:${PROD_PORT}` };
