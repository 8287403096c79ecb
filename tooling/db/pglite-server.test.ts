// The embedded server when a client dies without saying goodbye (a killed app process): its
// transaction must be rolled back and everyone else served, as a PostgreSQL server does.
import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptySnapshot } from "@/test/database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { simpleQuery } from "./pglite-server";

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A wire-protocol client by hand: started up, then whatever bytes the test writes. */
async function rawClient(port: number): Promise<Socket> {
  const socket = connect(port, "127.0.0.1");
  const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
  const startup = Buffer.alloc(8 + params.length);
  startup.writeInt32BE(startup.length, 0);
  startup.writeInt32BE(196608, 4); // protocol 3.0
  params.copy(startup, 8);
  socket.write(startup);
  await new Promise<void>((resolve, reject) => {
    let seen = Buffer.alloc(0);
    const onData = (data: Buffer) => {
      seen = Buffer.concat([seen, data]);
      // ReadyForQuery: 'Z', length 5, status.
      if (seen.includes(Buffer.from([0x5a, 0, 0, 0, 5]))) {
        socket.off("data", onData);
        resolve();
      }
    };
    socket.on("data", onData).once("error", reject);
  });
  return socket;
}

describe("PGliteServer: clients that die mid-transaction", () => {
  let server: EmbeddedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    server = await startEmbeddedPostgres({ loadDataDir: await emptySnapshot() });
    pool = new pg.Pool({ connectionString: server.url, max: 3 });
    await pool.query("CREATE TABLE written (v text)");
  });
  afterAll(async () => {
    await pool.end();
    await server.close();
  });

  it("rolls back a process killed (SIGKILL) inside its transaction and serves the connections that waited", async () => {
    const script = `
      const pg = require("pg");
      const client = new pg.Client(process.argv[1]);
      client.connect()
        .then(() => client.query("BEGIN"))
        .then(() => client.query("INSERT INTO written VALUES ('killed')"))
        .then(() => console.log("inside"));
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["-e", script, server.url], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await within(10_000, new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("inside") && resolve())), "child");
      // Queued behind the open transaction.
      const waiting = pool.query<{ n: number }>("SELECT count(*)::int AS n FROM written");
      await sleep(50);
      child.kill("SIGKILL");
      expect((await within(5_000, waiting, "query that waited")).rows).toEqual([{ n: 0 }]);
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
  });

  it("rolls back a client that vanished while the statement opening its transaction waited for PGlite", async () => {
    // PGlite is busy (its own lock held, as a dump or any direct use of `db` holds it) when a
    // client's BEGIN arrives; the client disappears before the BEGIN runs.
    const socket = await within(5_000, rawClient(server.port), "raw client start-up");
    let release!: () => void;
    const busy = server.db.runExclusive(() => new Promise<void>((resolve) => (release = resolve)));
    socket.write(simpleQuery("BEGIN; INSERT INTO written VALUES ('vanished')"));
    await sleep(100);
    socket.destroy();
    await sleep(100);
    release();
    await busy;

    const { rows } = await within(5_000, pool.query<{ n: number }>("SELECT count(*)::int AS n FROM written"), "query after the client vanished");
    expect(rows).toEqual([{ n: 0 }]);
  });
});
