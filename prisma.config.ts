// Prisma CLI configuration. The app itself never reads this file: it connects through
// server/db with the pg driver adapter. DATABASE_URL is optional here so that
// `prisma generate` works on a clean machine with no database at all.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
