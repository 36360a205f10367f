import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { timestampType } from '../columns.js';

/** The agencies an organizer can pick for a desk at first; the list is editable in the console. */
export const SEEDED_AGENCIES: Array<[string, string]> = [
  ['UNDP', 'United Nations Development Programme'],
  ['UNICEF', "United Nations Children's Fund"],
  ['UNOPS', 'United Nations Office for Project Services'],
  ['UNPD', 'United Nations Procurement Division'],
  ['WFP', 'World Food Programme'],
  ['UNHCR', 'Office of the United Nations High Commissioner for Refugees'],
  ['UNFPA', 'United Nations Population Fund'],
  ['WHO', 'World Health Organization'],
  ['FAO', 'Food and Agriculture Organization of the United Nations'],
  ['IOM', 'International Organization for Migration'],
  ['UNDSS', 'United Nations Department of Safety and Security'],
  ['UN Women', 'United Nations Entity for Gender Equality and the Empowerment of Women'],
  ['UNIDO', 'United Nations Industrial Development Organization'],
  ['ILO', 'International Labour Organization'],
  ['UNESCO', 'United Nations Educational, Scientific and Cultural Organization'],
];

/**
 * Agency desks, their slots and one-to-one meetings, and the request rounds of the fair allocation.
 *
 * The booking rules live in the database as well as in MeetingsService:
 * - one booked meeting per slot, per (registration, desk), and per (registration, place): partial
 *   unique indexes on `status = 'booked'`. `place` is 1..MEETINGS_PER_REGISTRATION, so the third
 *   index caps how many meetings one registration holds at once;
 * - a new booked meeting must not overlap another booked meeting of its registration, and only a
 *   confirmed registration books: a BEFORE INSERT trigger (SQLite: RAISE(ABORT); PostgreSQL: a
 *   PL/pgSQL function), since neither is a plain unique key (an exclusion constraint would need
 *   the btree_gist extension). Moving a desk's window re-times meetings with UPDATE; DesksService
 *   works out the final times of all of them first and cancels clashes, so the trigger is on INSERT
 *   only (checking each UPDATE alone would trip over the half-moved state).
 */
export class Meetings1765500000000 implements MigrationInterface {
  name = 'Meetings1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const driver = queryRunner.connection.options.type;
    const ts = timestampType(driver);
    const id: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
    const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const varchar = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
    const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: ts, isNullable: nullable });
    const createdAt: TableColumnOptions = { name: 'created_at', type: ts, default: 'CURRENT_TIMESTAMP' };
    const updatedAt: TableColumnOptions = { name: 'updated_at', type: ts, default: 'CURRENT_TIMESTAMP' };

    await queryRunner.createTable(
      new Table({
        name: 'agency',
        columns: [id, varchar('code', 20, { isUnique: true }), varchar('name', 200), { name: 'active', type: 'boolean', default: true }, int('sort_order', { default: 0 }), createdAt],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'desk',
        columns: [
          id,
          ref('seminar_id'),
          varchar('agency', 20),
          varchar('table_label', 100),
          varchar('officer_name', 200, { isNullable: true }),
          time('starts_at'),
          time('ends_at'),
          int('slot_minutes'),
          varchar('unspsc_segments', 300, { default: "''" }),
          time('deleted_at', true),
          createdAt,
          updatedAt,
        ],
        foreignKeys: [{ columnNames: ['seminar_id'], referencedTableName: 'seminar', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ columnNames: ['seminar_id', 'deleted_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'slot',
        columns: [id, ref('desk_id'), int('position'), time('starts_at'), time('ends_at')],
        foreignKeys: [{ columnNames: ['desk_id'], referencedTableName: 'desk', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'UQ_slot_desk_position', columnNames: ['desk_id', 'position'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'meeting',
        columns: [
          id,
          ref('seminar_id'),
          ref('desk_id'),
          ref('slot_id', true),
          ref('registration_id'),
          ref('company_id'),
          int('place'),
          varchar('status', 16),
          time('starts_at'),
          time('ends_at'),
          varchar('calendar_uid', 200),
          int('calendar_sequence', { default: 0 }),
          varchar('via', 16),
          time('held_at', true),
          ref('held_by', true),
          time('cancelled_at', true),
          varchar('cancel_reason', 32, { isNullable: true }),
          createdAt,
          updatedAt,
        ],
        foreignKeys: [
          { columnNames: ['seminar_id'], referencedTableName: 'seminar', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['desk_id'], referencedTableName: 'desk', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['slot_id'], referencedTableName: 'slot', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
          { columnNames: ['registration_id'], referencedTableName: 'registration', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['company_id'], referencedTableName: 'company', referencedColumnNames: ['id'] },
        ],
        checks: [{ name: 'CHK_meeting_place', expression: 'place >= 1' }],
        indices: [
          { name: 'UQ_meeting_booked_slot', columnNames: ['slot_id'], isUnique: true, where: "status = 'booked'" },
          { name: 'UQ_meeting_booked_desk', columnNames: ['registration_id', 'desk_id'], isUnique: true, where: "status = 'booked'" },
          { name: 'UQ_meeting_booked_place', columnNames: ['registration_id', 'place'], isUnique: true, where: "status = 'booked'" },
          { name: 'IDX_meeting_seminar', columnNames: ['seminar_id', 'status'] },
          { name: 'IDX_meeting_registration', columnNames: ['registration_id', 'status'] },
          { name: 'IDX_meeting_company', columnNames: ['company_id', 'status'] },
          { name: 'IDX_meeting_desk', columnNames: ['desk_id', 'status'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'meeting_round',
        columns: [
          { ...ref('seminar_id'), isPrimary: true },
          varchar('status', 16),
          int('max_choices'),
          time('opened_at'),
          time('closed_at', true),
          int('allocated', { isNullable: true }),
        ],
        foreignKeys: [{ columnNames: ['seminar_id'], referencedTableName: 'seminar', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'meeting_request',
        columns: [id, ref('seminar_id'), ref('registration_id'), ref('desk_id'), int('rank'), createdAt],
        foreignKeys: [
          { columnNames: ['registration_id'], referencedTableName: 'registration', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['desk_id'], referencedTableName: 'desk', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [
          { name: 'UQ_meeting_request_rank', columnNames: ['registration_id', 'rank'], isUnique: true },
          { name: 'UQ_meeting_request_desk', columnNames: ['registration_id', 'desk_id'], isUnique: true },
          { name: 'IDX_meeting_request_seminar', columnNames: ['seminar_id'] },
        ],
      }),
    );

    const placeholders = driver === 'postgres' ? '$1, $2, $3, $4' : '?, ?, ?, ?';
    for (const [index, [code, name]] of SEEDED_AGENCIES.entries()) {
      await queryRunner.query(`INSERT INTO agency (id, code, name, sort_order) VALUES (${placeholders})`, [randomUUID(), code, name, index]);
    }

    if (driver === 'postgres') {
      await queryRunner.query(`
        CREATE FUNCTION meeting_rules() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.status <> 'booked' THEN RETURN NEW; END IF;
          IF NOT EXISTS (SELECT 1 FROM registration r WHERE r.id = NEW.registration_id AND r.status = 'confirmed') THEN
            RAISE EXCEPTION 'meeting_registration_not_confirmed' USING ERRCODE = '23514';
          END IF;
          IF EXISTS (SELECT 1 FROM meeting m WHERE m.registration_id = NEW.registration_id AND m.status = 'booked' AND m.id <> NEW.id
                     AND m.starts_at < NEW.ends_at AND NEW.starts_at < m.ends_at) THEN
            RAISE EXCEPTION 'meeting_overlap' USING ERRCODE = '23P01';
          END IF;
          RETURN NEW;
        END $$`);
      await queryRunner.query('CREATE TRIGGER meeting_rules BEFORE INSERT ON meeting FOR EACH ROW EXECUTE FUNCTION meeting_rules()');
    } else {
      await queryRunner.query(`CREATE TRIGGER meeting_rules BEFORE INSERT ON meeting WHEN NEW.status = 'booked' BEGIN
        SELECT RAISE(ABORT, 'meeting_registration_not_confirmed') WHERE NOT EXISTS (SELECT 1 FROM registration r WHERE r.id = NEW.registration_id AND r.status = 'confirmed');
        SELECT RAISE(ABORT, 'meeting_overlap') WHERE EXISTS (SELECT 1 FROM meeting m WHERE m.registration_id = NEW.registration_id
          AND m.status = 'booked' AND m.starts_at < NEW.ends_at AND NEW.starts_at < m.ends_at);
      END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER IF EXISTS meeting_rules ON meeting');
      await queryRunner.query('DROP FUNCTION IF EXISTS meeting_rules()');
    } else {
      await queryRunner.query('DROP TRIGGER IF EXISTS meeting_rules');
    }
    await queryRunner.dropTable('meeting_request');
    await queryRunner.dropTable('meeting_round');
    await queryRunner.dropTable('meeting');
    await queryRunner.dropTable('slot');
    await queryRunner.dropTable('desk');
    await queryRunner.dropTable('agency');
  }
}
