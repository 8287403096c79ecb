// Which database a command talks to: DATABASE_URL when set; otherwise the embedded one in
// .data/pglite, reached through the dev server that already serves it (its URL is in the
// folder's lock file) or, when none runs, served by this process for the command's duration.
import path from "node:path";
import { readDataDirOwner } from "./data-dir-lock";
import { DEFAULT_DATA_DIR, startEmbeddedPostgres } from "./embedded-postgres";

export interface DatabaseTarget {
  url: string;
  /** How we got it, for a one-line note on stderr. */
  source: "DATABASE_URL" | "running embedded server" | "embedded (started for this command)";
}

export async function withDatabase<T>(run: (target: DatabaseTarget) => Promise<T>): Promise<T> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return run({ url: fromEnv, source: "DATABASE_URL" });

  const dataDir = path.resolve(DEFAULT_DATA_DIR);
  const owner = readDataDirOwner(dataDir);
  if (owner?.url) return run({ url: owner.url, source: "running embedded server" });

  const embedded = await startEmbeddedPostgres({ dataDir });
  try {
    return await run({ url: embedded.url, source: "embedded (started for this command)" });
  } finally {
    await embedded.close();
  }
}
