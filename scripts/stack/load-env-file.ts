import { existsSync } from "node:fs";

/** Reads `.env` into process.env (real environment variables win), like Next.js does for the app. */
export function loadEnvFile(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
