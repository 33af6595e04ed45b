import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PgliteSessionQueue } from './pglite-session-queue.js';

export const DEFAULT_EMBEDDED_POSTGRES_PORT = 54329;

export interface EmbeddedPostgresOptions {
  /** The data directory; the database lives in `${dataDir}/pg`. */
  dataDir: string;
  /** TCP port to serve on (default 54329); 0 picks a free one. */
  port?: number;
  host?: '127.0.0.1';
}

export interface EmbeddedPostgres {
  /** A `postgresql://` URL for pg, the Prisma adapter, the Prisma CLI and BullMQ. */
  connectionString: string;
  /** Stops serving, then closes the database cleanly (its data persists for the next start). */
  close(): Promise<void>;
}

/**
 * The zero-setup database: PGlite (PostgreSQL 17 in WebAssembly) on `${dataDir}/pg`, served over the
 * PostgreSQL wire protocol on a local TCP port so everything uses the ordinary `pg` path.
 *
 * All clients share ONE PostgreSQL session (pglite-socket): `SET`, temporary tables, advisory locks,
 * LISTEN and prepared-statement names are shared, and queries run one at a time (PgliteSessionQueue
 * keeps each client's query and transaction together). NOTIFY reaches the connection that sent it,
 * not a listener, so job workers poll here. Fine for development, never for
 * production. Only one process can open a data directory: run the Prisma CLI against this socket.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? DEFAULT_EMBEDDED_POSTGRES_PORT;
  // Fail before the (slow, first-start) initdb when the port is taken.
  await assertPortFree(host, port);

  // PGlite 0.4 creates only the last path segment of its data directory.
  await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(path.join(options.dataDir, 'pg'));
  let server: PGLiteSocketServer | undefined;
  try {
    // BullMQ's PostgreSQL backend calls its functions (add_job, …) unqualified; on the shared session
    // this setting applies to every client.
    await db.exec('SET search_path TO public, bullmq');
    // maxConnections defaults to 1: a pg pool (app, Prisma, BullMQ, CLI) needs many.
    server = new PGLiteSocketServer({ db, host, port, maxConnections: 100 });
    // Replace the server's internal scheduler (read by every connection handler it creates) with one
    // that keeps each client's extended-protocol exchange together; see PgliteSessionQueue.
    (server as unknown as { queryQueue: PgliteSessionQueue }).queryQueue = new PgliteSessionQueue(db);
    const actualPort = await listen(server, host, port);
    const connectionString = `postgresql://postgres@${host}:${actualPort}/postgres`;
    let closing: Promise<void> | undefined;
    const running = server;
    return {
      connectionString,
      close: () => {
        closing ??= shutdown(running, db);
        return closing;
      },
    };
  } catch (error) {
    await shutdown(server, db).catch(() => {});
    throw error;
  }
}

async function shutdown(server: PGLiteSocketServer | undefined, db: PGlite): Promise<void> {
  if (server) {
    await server.stop();
    // stop() detaches the client handlers without awaiting them; a handler caught in a transaction issues
    // a ROLLBACK. Let those run before the database goes away.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!db.closed) await db.close();
}

function portInUse(host: string, port: number): Error {
  return new Error(
    `embedded PostgreSQL cannot listen on ${host}:${port}: port ${port} is already in use ` +
      '(another Latchkey with its embedded database?). Stop it, choose another port with ' +
      'LATCHKEY_EMBEDDED_DB_PORT, or set DATABASE_URL to use a PostgreSQL server.',
  );
}

async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portInUse(host, port) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * PGLiteSocketServer.start() never settles when listen fails (it rejects only while inactive, and it
 * marks itself active first): take the error from its 'error' event instead.
 */
async function listen(server: PGLiteSocketServer, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (event: Event) => {
      const error = (event as CustomEvent<NodeJS.ErrnoException>).detail;
      reject(error?.code === 'EADDRINUSE' ? portInUse(host, port) : error);
    };
    server.addEventListener('error', onError, { once: true });
    server.start().then(() => {
      server.removeEventListener('error', onError);
      resolve();
    }, reject);
  });
  const address = server.getServerConn(); // "host:port", with the real port when 0 was asked
  return Number(address.slice(address.lastIndexOf(':') + 1));
}
