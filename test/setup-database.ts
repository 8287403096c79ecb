// Vitest setup file of the "app" project: runs before each test file, in its worker, before
// the file's own imports. Gives the file a database of its own (see test/database.ts) and
// points DATABASE_URL at it, so the app's server/db/client.ts connects there on first use.
import { afterAll } from "vitest";
import { disconnectPrisma } from "@/server/db/client";
import { createTestDatabase } from "./database";

const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await disconnectPrisma();
  await database.drop();
});
