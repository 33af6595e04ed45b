/**
 * A statement of the code's own that TenantSql prepares once per pooled connection and then runs
 * with `EXECUTE`: PostgreSQL plans it a few times, then keeps a generic plan. Planning was most of
 * the database's work on the token endpoint (a refresh's three-table read: ~0.3 ms to plan, 0.07 ms
 * to run), and it cost the CPU that PostgreSQL shares with everything else on the machine.
 *
 * Only for fixed texts on hot paths: a text built per call (a VALUES list of N rows) would prepare
 * a new statement on every connection for every N.
 */
export interface NamedStatement {
  /** The prepared statement's name on every connection (also what pg_prepared_statements shows). */
  readonly name: string;
  readonly text: string;
  /** Only namedStatement() makes one: the name goes into SQL text, so it must have been checked. */
  readonly [DECLARED]: true;
}

declare const DECLARED: unique symbol;

const NAME = /^latchkey_[a-z0-9_]{1,40}$/;
const registered = new Map<string, string>();

/** Declares a named statement; a name stands for one text in the whole process. */
export function namedStatement(name: string, text: string): NamedStatement {
  if (!NAME.test(name)) throw new Error(`statement name ${name} must match ${NAME}`);
  const existing = registered.get(name);
  if (existing !== undefined && existing !== text) throw new Error(`statement ${name} is already declared`);
  registered.set(name, text);
  return Object.freeze({ name, text }) as NamedStatement;
}
