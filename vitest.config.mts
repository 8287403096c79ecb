import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Two projects: the emulator's tests need no database; the app's tests each get a fresh
// database (see test/setup-database.ts) so files can run in parallel.
export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // `server-only` throws outside React Server Components; tests are server code.
      "server-only": `${root}test/empty-module.ts`,
    },
  },
  test: {
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "emulator", include: ["emulator/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "app",
          include: ["lib/**/*.test.ts", "server/**/*.test.ts", "tooling/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
          environment: "node",
          setupFiles: ["test/setup-database.ts"],
        },
      },
    ],
  },
});
