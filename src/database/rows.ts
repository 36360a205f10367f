import type { EntityManager } from 'typeorm';

/**
 * Plain parameterised SQL on a write-path transaction's manager, for the hot path where TypeORM's
 * query building, escaping and hydration cost more than the statement itself (the sign-up).
 *
 * Statements are written once with `?` placeholders (never put a `?` inside a literal) and run on
 * both databases: PostgreSQL gets `$1…$n`. RETURNING works on both (SQLite ≥ 3.35). What comes back
 * is the rows (SELECT or RETURNING) and the number of rows changed; columns keep their snake_case
 * names, and timestamps come back as the database gives them (see `rawTimestamp` in columns.ts).
 */
export interface SqlResult<T> {
  rows: T[];
  affected: number;
}

const numbered = new Map<string, string>();

function isPostgres(manager: EntityManager): boolean {
  return manager.connection.options.type === 'postgres';
}

/** `?` → `$n` for PostgreSQL, worked out once per statement text. */
function dialectSql(sql: string, postgres: boolean): string {
  if (!postgres) return sql;
  let converted = numbered.get(sql);
  if (converted === undefined) {
    let index = 0;
    converted = sql.replace(/\?/g, () => `$${++index}`);
    numbered.set(sql, converted);
  }
  return converted;
}

export async function runSql<T = Record<string, unknown>>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<SqlResult<T>> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('runSql needs the manager of a write-path transaction');
  const result = await runner.query(dialectSql(sql, isPostgres(manager)), parameters, true);
  const rows = (result.records ?? []) as T[];
  return { rows, affected: result.affected ?? rows.length };
}

/** A timestamp as a parameter: a Date for PostgreSQL, the UTC text the SQLite timestamp columns store. */
export function sqlTimestamp(manager: EntityManager, value: Date | null): Date | string | null {
  if (value === null || isPostgres(manager)) return value;
  // "YYYY-MM-DD HH:MM:SS.mmm", as TypeORM writes a datetime column on SQLite.
  return value.toISOString().replace('T', ' ').replace('Z', '');
}
