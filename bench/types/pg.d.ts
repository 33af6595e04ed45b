/**
 * The part of `pg` (a root devDependency without bundled types) the harness uses to create and
 * drop its throwaway databases, seed them and time queries. Delete this file if `@types/pg` is
 * ever added to the root.
 */
declare module 'pg' {
  interface ClientConfig {
    connectionString?: string;
  }

  interface QueryResult<R> {
    rows: R[];
    rowCount: number | null;
  }

  class Client {
    constructor(config?: ClientConfig);
    connect(): Promise<void>;
    /** `values` fill `$1`, `$2`, …; pg sends them as text and the server infers their types. */
    query<R = Record<string, unknown>>(sql: string, values?: readonly unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
  }

  export type { Client, QueryResult };

  const pg: { Client: typeof Client };
  export default pg;
}
