// Serves one PGlite instance on a TCP port speaking the PostgreSQL wire protocol, to many
// connections at once.
//
// Why not PGLiteSocketServer from @electric-sql/pglite-socket 0.2.17: (1) it accepts one
// connection by default (`maxConnections: 1`; a pg Pool's second client is cut off); (2) its
// queue schedules single protocol MESSAGES, so once a backlog forms (any time a transaction
// makes other connections wait) the Parse/Bind/Execute of different connections interleave on
// PGlite's single backend, and queries get each other's statements: wrong rows or errors.
// Measured: 58 wrong results and 19 errors out of 100 queries issued beside short
// transactions (tooling/db/embedded-postgres.test.ts covers that case).
//
// Here the unit of scheduling is everything a connection sends up to a point where the
// backend waits for it (Sync, a simple Query, Flush, CopyDone/CopyFail), and a connection
// keeps the backend until PostgreSQL reports ReadyForQuery "idle": during a transaction, an
// extended-protocol sequence or a COPY, nobody else's bytes reach the backend.
// Session state (SET, search_path, prepared statement names) is still shared by all
// connections: PGlite has a single backend.
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Message types after which the client waits for the server's answer. */
const WAIT_POINTS = new Set(["S", "Q", "H", "c", "f"].map((c) => c.charCodeAt(0)));
const TERMINATE = "X".charCodeAt(0);
const READY_FOR_QUERY = "Z".charCodeAt(0);
const IDLE = "I".charCodeAt(0);
const SYNC = Uint8Array.from([83, 0, 0, 0, 4]);
const ROLLBACK = simpleQuery("ROLLBACK");

interface Connection {
  socket: Socket;
  buffer: Buffer;
  started: boolean;
  /** Messages received since the last wait point. */
  pending: Buffer[];
  closed: boolean;
}

interface Unit {
  conn: Connection;
  bytes: Uint8Array;
}

export class PGliteServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private readonly queue: Unit[] = [];
  /** The connection the backend is busy with (transaction, unfinished sequence), if any. */
  private owner: Connection | undefined;
  private running = false;

  constructor(private readonly db: PGlite) {
    this.server = createServer((socket) => this.accept(socket));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.removeListener("error", reject);
        const address = this.server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const conn of this.connections) conn.socket.destroy();
    await closed;
    // Let a unit in progress finish before the caller closes PGlite under it.
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const conn: Connection = { socket, buffer: Buffer.alloc(0), started: false, pending: [], closed: false };
    this.connections.add(conn);
    socket.on("data", (data) => this.receive(conn, data));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.drop(conn));
  }

  private receive(conn: Connection, data: Buffer): void {
    conn.buffer = conn.buffer.length === 0 ? data : Buffer.concat([conn.buffer, data]);
    for (;;) {
      if (!conn.started) {
        // Startup-phase packets have no type byte: int32 length, int32 code.
        if (conn.buffer.length < 8) return;
        const length = conn.buffer.readInt32BE(0);
        if (conn.buffer.length < length) return;
        const code = conn.buffer.readInt32BE(4);
        const packet = conn.buffer.subarray(0, length);
        conn.buffer = conn.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          conn.socket.write("N"); // No TLS on a loopback-only server; the client goes on in clear.
        } else if (code === CANCEL_REQUEST) {
          conn.socket.destroy(); // Cancelling is not supported by PGlite.
          return;
        } else {
          conn.started = true; // The startup message; PGlite answers it itself.
          this.enqueue(conn, Buffer.from(packet));
        }
        continue;
      }
      if (conn.buffer.length < 5) return;
      const total = 1 + conn.buffer.readInt32BE(1);
      if (conn.buffer.length < total) return;
      const message = conn.buffer.subarray(0, total);
      conn.buffer = conn.buffer.subarray(total);
      const type = message[0]!;
      if (type === TERMINATE) {
        conn.socket.end();
        return;
      }
      conn.pending.push(Buffer.from(message));
      if (WAIT_POINTS.has(type)) {
        this.enqueue(conn, Buffer.concat(conn.pending));
        conn.pending = [];
      }
    }
  }

  private enqueue(conn: Connection, bytes: Uint8Array): void {
    this.queue.push({ conn, bytes });
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((u) => u.conn === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) return; // Wait for the owner (or for work).
        const [unit] = this.queue.splice(index, 1) as [Unit];
        const idle = await this.execute(unit);
        this.owner = idle ? undefined : unit.conn;
        // Its client left while the unit waited for PGlite or ran, so drop() saw no transaction
        // of its: end the one this unit opened, or no other client would get the backend again.
        if (!idle && unit.conn.closed && !this.queue.some((u) => u.conn === unit.conn)) this.queueCleanup(unit.conn);
      }
    } finally {
      this.running = false;
    }
  }

  /** Runs one unit; true when the backend ended ready for anyone (ReadyForQuery, idle). */
  private async execute({ conn, bytes }: Unit): Promise<boolean> {
    let tail = Buffer.alloc(0);
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(bytes, {
          onRawData: (chunk: Uint8Array) => {
            if (chunk.length === 0) return;
            const copy = Buffer.from(chunk); // PGlite reuses its buffer for the next chunk.
            if (!conn.closed) conn.socket.write(copy);
            tail = Buffer.concat([tail, copy]).subarray(-6);
          },
        }),
      );
    } catch {
      conn.socket.destroy(); // PGlite itself failed (not an SQL error): drop this client.
      // A closed database (shutting down) cannot be asked; nobody will wait on it anyway.
      return this.db.closed || !this.db.isInTransaction();
    }
    return tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[5] === IDLE;
  }

  private drop(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    this.connections.delete(conn);
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.conn === conn) this.queue.splice(i, 1);
    if (this.owner === conn) {
      this.queueCleanup(conn);
      void this.run();
    }
  }

  /** A client left mid-sequence or mid-transaction: end both so the next client starts clean. */
  private queueCleanup(conn: Connection): void {
    this.queue.unshift({ conn, bytes: SYNC }, { conn, bytes: ROLLBACK });
    this.owner = conn; // Keep priority for the cleanup units, released once idle.
  }
}

/** A simple-protocol Query message (also for tests that speak the wire protocol by hand). */
export function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}
