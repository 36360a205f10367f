import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * PostgreSQL and SQLite share no time-zone-aware timestamp type that TypeORM accepts for both,
 * so entities declare timestamps through these decorators and the dialect is chosen once, when
 * the DataSource options are built (see `useTimestampDialect`). Values are always UTC instants.
 */
const timestampColumns: ColumnOptions[] = [];
let currentType: 'timestamptz' | 'datetime' = 'datetime';

function track(options: ColumnOptions): ColumnOptions {
  const tracked = { ...options, type: currentType } as ColumnOptions;
  timestampColumns.push(tracked);
  return tracked;
}

export function TimestampColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column(track(options));
}

export function CreatedAtColumn(options: ColumnOptions = {}): PropertyDecorator {
  return CreateDateColumn(track(options));
}

export function UpdatedAtColumn(options: ColumnOptions = {}): PropertyDecorator {
  return UpdateDateColumn(track(options));
}

export function useTimestampDialect(kind: 'sqlite' | 'postgres'): void {
  currentType = kind === 'postgres' ? 'timestamptz' : 'datetime';
  for (const options of timestampColumns) (options as { type: string }).type = currentType;
}

/** Column type for timestamps in migrations. */
export function timestampType(driverType: string): string {
  return driverType === 'postgres' ? 'timestamptz' : 'datetime';
}

/**
 * A timestamp from a raw query (getRawMany, query()): PostgreSQL hands back a Date, SQLite the UTC
 * text "YYYY-MM-DD HH:MM:SS[.fff]" that the timestamp columns above store.
 */
export function rawTimestamp(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
