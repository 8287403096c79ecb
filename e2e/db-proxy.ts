// A TCP proxy between an app instance and its PostgreSQL server (or the embedded PGlite one)
// that can stop one connection at a chosen statement: the test then knows the instance is
// inside its database transaction, with the earlier statements applied and uncommitted, and
// can kill it there. When a client connection closes, its server connection is closed too, as
// the kernel does for a killed process: the server sees its client vanish mid-transaction.
import { connect, createServer, type Socket } from "node:net";

const PARSE = "P".charCodeAt(0);
const QUERY = "Q".charCodeAt(0);

export type DbProxy = {
  /** The database URL with the proxy's host and port. */
  url: string;
  /**
   * Resolves when a client sends a statement (Parse or simple Query) whose SQL `matches`;
   * that statement and everything after it on that connection are never forwarded.
   */
  holdNext(matches: (sql: string) => boolean): Promise<void>;
  close(): Promise<void>;
};

/** The SQL text of a Parse ('P': name, query, …) or Query ('Q': query) message. */
function sqlOf(message: Buffer): string | null {
  const body = message.subarray(5);
  if (message[0] === QUERY) return body.toString("utf8", 0, Math.max(0, body.indexOf(0)));
  if (message[0] !== PARSE) return null;
  const start = body.indexOf(0) + 1;
  return body.toString("utf8", start, body.indexOf(0, start));
}

export async function startDbProxy(databaseUrl: string): Promise<DbProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let armed: { matches: (sql: string) => boolean; resolve: () => void } | null = null;

  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
    upstream.on("data", (data: Buffer) => client.write(data));

    let buffer = Buffer.alloc(0);
    let started = false;
    let held = false;
    client.on("data", (data: Buffer) => {
      if (held) return;
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        if (!started) {
          // Startup-phase packets (SSLRequest, StartupMessage) have no type byte.
          if (buffer.length < 8 || buffer.length < buffer.readInt32BE(0)) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          upstream.write(buffer.subarray(0, length));
          buffer = buffer.subarray(length);
          // 80877103 / 80877104: SSL / GSSAPI encryption requests; the real startup follows.
          if (code !== 80877103 && code !== 80877104) started = true;
          continue;
        }
        if (buffer.length < 5 || buffer.length < 1 + buffer.readInt32BE(1)) return;
        const total = 1 + buffer.readInt32BE(1);
        const message = buffer.subarray(0, total);
        buffer = buffer.subarray(total);
        const sql = armed ? sqlOf(message) : null;
        if (armed && sql !== null && armed.matches(sql)) {
          held = true;
          const { resolve } = armed;
          armed = null;
          resolve();
          return;
        }
        upstream.write(message);
      }
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("proxy has no port");
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(address.port);

  return {
    url: url.toString(),
    holdNext(matches) {
      if (armed) throw new Error("already holding for a statement");
      return new Promise<void>((resolve) => {
        armed = { matches, resolve };
      });
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
