import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';
import { PgliteSessionQueue } from './pglite-session-queue.js';

/** Minimal encoders for the frontend messages of one extended-protocol query. */
const cstr = (s: string) => Buffer.from(`${s}\0`);
const message = (type: string, body: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(body.length + 4, 1);
  return new Uint8Array(Buffer.concat([header, body]));
};
const int16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const parse = (sql: string) => message('P', Buffer.concat([cstr(''), cstr(sql), int16(0)]));
const bind = (params: string[]) =>
  message(
    'B',
    Buffer.concat([
      cstr(''),
      cstr(''),
      int16(0),
      int16(params.length),
      ...params.flatMap((p) => [int32(Buffer.byteLength(p)), Buffer.from(p)]),
      int16(0),
    ]),
  );
const execute = () => message('E', Buffer.concat([cstr(''), int32(0)]));
const sync = () => message('S', Buffer.alloc(0));
const query = (sql: string, params: string[]) => [parse(sql), bind(params), execute(), sync()];

/** The backend message types in a response stream ('E' = ErrorResponse, 'D' = DataRow). */
function messageTypes(chunks: Uint8Array[]): string[] {
  const all = Buffer.concat(chunks);
  const types: string[] = [];
  for (let at = 0; at < all.length; at += 1 + all.readInt32BE(at + 1))
    types.push(String.fromCharCode(all[at] ?? 0));
  return types;
}

describe('PgliteSessionQueue', () => {
  const a = query('SELECT $1::int AS one_param', ['1']);
  const b = query('SELECT $1::int + $2::int AS two_params', ['1', '2']);

  it('shows the hazard: interleaving two clients on one session breaks the first query', async () => {
    const db = await PGlite.create();
    const out: Uint8Array[] = [];
    const send = (m: Uint8Array | undefined) =>
      db.execProtocolRawStream(m as Uint8Array, { onRawData: (d) => out.push(d) });
    for (const m of [a[0], b[0], a[1], a[2], a[3], b[1], b[2], b[3]]) await send(m);
    expect(messageTypes(out)).toContain('E');
    await db.close();
  });

  it("runs one client's messages from Parse to Sync before another's, whatever the arrival order", async () => {
    const db = await PGlite.create();
    const queue = new PgliteSessionQueue(db);
    const outA: Uint8Array[] = [];
    const outB: Uint8Array[] = [];
    // Arrival order: both Parses first, as when two sockets deliver at once.
    const order: Array<[number, Uint8Array | undefined]> = [
      [1, a[0]],
      [2, b[0]],
      [1, a[1]],
      [1, a[2]],
      [1, a[3]],
      [2, b[1]],
      [2, b[2]],
      [2, b[3]],
    ];
    await Promise.all(
      order.map(([client, m]) =>
        queue.enqueue(client, m as Uint8Array, (d) => (client === 1 ? outA : outB).push(d)),
      ),
    );
    expect(messageTypes(outA)).not.toContain('E');
    expect(messageTypes(outB)).not.toContain('E');
    expect(messageTypes(outA)).toContain('D');
    expect(messageTypes(outB)).toContain('D');
    await db.close();
  });
});

describe('embedded PostgreSQL with many concurrent clients', () => {
  let dir: string;
  let db: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-session-'));
    db = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    pool = new pg.Pool({ connectionString: db.connectionString, max: 8 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("never mixes one client's parameterized query with another's", async () => {
    // Statements with different parameter counts: an interleaved Parse/Bind fails loudly.
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) =>
        i % 3 === 0
          ? pool.query('SELECT $1::int AS a', [i]).then((r) => r.rows[0].a === i)
          : i % 3 === 1
            ? pool
                .query('SELECT $1::int AS a, $2::text AS b', [i, `b${i}`])
                .then((r) => r.rows[0].b === `b${i}`)
            : pool
                .query('SELECT $1::int + $2::int + $3::int AS c', [i, 1, 2])
                .then((r) => r.rows[0].c === i + 3),
      ),
    );
    const failures = results.filter((r) => r.status === 'rejected' || r.value !== true);
    expect(failures).toEqual([]);
  });

  it('keeps a transaction to its client and serves others after a failed query', async () => {
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query('CREATE TABLE IF NOT EXISTS t (n int)');
      await a.query('BEGIN');
      await a.query('INSERT INTO t VALUES (1)');
      const other = b.query('SELECT count(*)::int AS n FROM t'); // waits for a's transaction
      await a.query('ROLLBACK');
      expect((await other).rows[0].n).toBe(0);
      await expect(b.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
      expect((await a.query('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      a.release();
      b.release();
    }
  });
});
