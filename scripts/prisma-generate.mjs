// `prisma generate` without the network. The Prisma CLI downloads a native schema engine
// before most commands; generate does not need it (it runs in WASM), and pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download. Migrations use the
// WASM schema engine instead (tooling/db/migrations.ts).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const thisFile = fileURLToPath(import.meta.url);
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? thisFile, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
