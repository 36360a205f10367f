import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AppSetting } from '../src/database/app-setting.entity.js';
import { WriteOutsideWritePathError, WritePath } from '../src/database/write-path.js';
import { gate } from './support/gate.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/** One app for the file: the two groups of tests use keys of their own. */
let t: TestApp;
let writePath: WritePath;
let dataSource: DataSource;

beforeAll(async () => {
  t = await startTestApp({ MAIL_WORKER: 'off' });
  writePath = t.app.get(WritePath);
  dataSource = t.app.get(DataSource);
});
afterAll(() => t.close());

const setting = (key: string) => dataSource.getRepository(AppSetting).findOneBy({ key });

describe('the write path is the only write path', () => {
  it('keeps a write made while another transaction is open and then rolls back', async () => {
    const hold = gate();
    const inside = gate();
    const failing = writePath.transaction(async (manager) => {
      await manager.insert(AppSetting, { key: 'rolled-back', value: 'x' });
      inside.open();
      await hold.opened;
      throw new Error('this transaction fails');
    });
    await inside.opened;
    // Started while the failing transaction is open (on SQLite, on the very connection it holds).
    const kept = writePath.transaction((manager) => manager.insert(AppSetting, { key: 'kept', value: 'y' }));
    hold.open();
    await expect(failing).rejects.toThrow('this transaction fails');
    await kept;
    expect(await setting('rolled-back')).toBeNull();
    expect(await setting('kept')).toEqual({ key: 'kept', value: 'y' });
  });

  it('refuses a write beside the write path, and the open transaction goes on unharmed', async () => {
    const hold = gate();
    const inside = gate();
    const open = writePath.transaction(async (manager) => {
      await manager.insert(AppSetting, { key: 'inside', value: '1' });
      inside.open();
      await hold.opened;
    });
    await inside.opened;
    await expect(dataSource.getRepository(AppSetting).insert({ key: 'beside', value: '2' })).rejects.toThrow(WriteOutsideWritePathError);
    await expect(dataSource.query("UPDATE app_setting SET value = 'changed' WHERE key = 'kept'")).rejects.toThrow(WriteOutsideWritePathError);
    await expect(dataSource.createQueryBuilder().delete().from(AppSetting).execute()).rejects.toThrow(WriteOutsideWritePathError);
    hold.open();
    await open;
    expect(await setting('inside')).toEqual({ key: 'inside', value: '1' });
    expect(await setting('beside')).toBeNull();
    // Outside any transaction, too.
    await expect(dataSource.getRepository(AppSetting).upsert({ key: 'beside', value: '3' }, ['key'])).rejects.toThrow(WriteOutsideWritePathError);
    expect(await setting('beside')).toBeNull();
  });

  it('refuses a transaction inside a transaction, which would deadlock or escape it', async () => {
    await expect(writePath.transaction(() => writePath.transaction(async () => undefined))).rejects.toThrow(/inside another write-path transaction/);
    // The queue is free again afterwards.
    await writePath.transaction((manager) => manager.insert(AppSetting, { key: 'after-nested', value: 'z' }));
    expect(await setting('after-nested')).not.toBeNull();
  });

  it('disables an account and records it in one transaction: it stays disabled and signed out', async () => {
    const created = await t.http
      .post('/api/accounts')
      .set(bearer(t.adminToken))
      .send({ email: 'door.keeper@example.org', password: 'door-password-1', role: 'checkin' })
      .expect(201);
    const login = await t.http.post('/api/auth/login').send({ email: 'door.keeper@example.org', password: 'door-password-1' }).expect(200);
    const accounts = t.app.get(DataSource).getRepository('account');
    const before = (await accounts.findOneByOrFail({ id: created.body.id })) as { tokenVersion: number };

    // A failing transaction right behind the change must not take it along.
    const { AccountsService } = await import('../src/accounts/accounts.service.js');
    const actor = { id: 'admin-test', email: 'admin@example.org', role: 'admin' as const };
    const change = t.app.get(AccountsService).update(created.body.id, { disabled: true }, actor);
    const failing = writePath.transaction(async (manager) => {
      await manager.insert(AppSetting, { key: 'doomed', value: '1' });
      throw new Error('rolled back');
    });
    await change;
    await expect(failing).rejects.toThrow('rolled back');

    const after = (await accounts.findOneByOrFail({ id: created.body.id })) as { disabled: boolean; tokenVersion: number };
    expect(after).toMatchObject({ disabled: true, tokenVersion: before.tokenVersion + 1 });
    const events = await dataSource.query(`SELECT action FROM audit_event WHERE entity_id = '${created.body.id}'`);
    expect(events.map((event: { action: string }) => event.action).sort()).toEqual(['account.created', 'account.disabled']);
    await t.http.get('/api/outbox').set(bearer(login.body.accessToken)).expect(401);
    await t.http.post('/api/auth/login').send({ email: 'door.keeper@example.org', password: 'door-password-1' }).expect(401);
  });
});

/**
 * SQLite group commit: transactions that queue behind one another share one SQLite transaction, each
 * in a savepoint of its own (WritePath.runGroup). Each must still commit or fail as a whole, on its own.
 */
describe('transactions queued together (group commit on SQLite)', () => {
  const sqliteInTransaction = () => (dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection.inTransaction;

  /** Holds one transaction open until `release()`, so that the ones started meanwhile queue behind it. */
  async function holdTheQueue(key: string) {
    const hold = gate();
    const inside = gate();
    const held = writePath.transaction(async (manager) => {
      await manager.insert(AppSetting, { key, value: 'held' });
      inside.open();
      await hold.opened;
    });
    await inside.opened;
    return { release: () => (hold.open(), held) };
  }

  it('commits each one, rolls back alone the one that throws, and calls the after-commit hooks once per commit', async () => {
    let commits = 0;
    writePath.onCommit(() => commits++);
    const transactions = jest.spyOn(dataSource, 'transaction');
    const queue = await holdTheQueue('group-0');
    const queued = [1, 2, 3, 4, 5].map((n) =>
      writePath.transaction(async (manager) => {
        await manager.insert(AppSetting, { key: `group-${n}`, value: String(n) });
        if (n === 3) throw new Error('number 3 fails');
        return (await manager.getRepository(AppSetting).findOneBy({ key: `group-${n - 1}` }))?.value ?? null;
      }),
    );
    await queue.release();
    const results = await Promise.allSettled(queued);
    const sqliteTransactions = transactions.mock.calls.length;
    transactions.mockRestore();

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('number 3 fails');
    for (const n of [0, 1, 2, 4, 5]) expect(await setting(`group-${n}`)).toEqual({ key: `group-${n}`, value: n === 0 ? 'held' : String(n) });
    expect(await setting('group-3')).toBeNull();
    expect(commits).toBe(5);
    if (!writePath.isPostgres) {
      // The held one alone, then the five in one SQLite transaction: each saw what the ones before it
      // wrote, and number 4 did not see number 3's write, which was rolled back.
      expect(sqliteTransactions).toBe(2);
      expect(results.map((result) => (result.status === 'fulfilled' ? result.value : 'failed'))).toEqual(['held', '1', 'failed', null, '4']);
      expect(sqliteInTransaction()).toBe(false);
    }
  });

  it('runs one transaction alone in the turn after the server accepted a connection, then groups again', async () => {
    if (writePath.isPostgres) return; // No groups on PostgreSQL.
    const transactions = jest.spyOn(dataSource, 'transaction');
    const queue = await holdTheQueue('accept-held');
    const queued = [1, 2, 3].map((n) => writePath.transaction((manager) => manager.insert(AppSetting, { key: `accept-${n}`, value: String(n) })));
    // As the HTTP server does when it accepts a connection: libuv accepts one per turn, more may wait.
    writePath.connectionAccepted();
    await queue.release();
    await Promise.all(queued);
    const sqliteTransactions = transactions.mock.calls.length;
    transactions.mockRestore();
    // The held one, number 1 alone in the next turn, then 2 and 3 together.
    expect(sqliteTransactions).toBe(3);
    for (const n of [1, 2, 3]) expect(await setting(`accept-${n}`)).toEqual({ key: `accept-${n}`, value: String(n) });
  });

  it('hears from the HTTP server of each connection it accepts', async () => {
    const accepted = jest.spyOn(writePath, 'connectionAccepted');
    await t.http.get('/api/health').expect(200);
    const calls = accepted.mock.calls.length;
    accepted.mockRestore();
    expect(calls).toBeGreaterThanOrEqual(1);
  });

  it('fails every one that shared a COMMIT that fails, and keeps none of them', async () => {
    if (writePath.isPostgres) return; // PostgreSQL gives each transaction its own COMMIT.
    const queue = await holdTheQueue('commit-held');
    const before = writePath.transaction((manager) => manager.insert(AppSetting, { key: 'commit-a', value: 'a' }));
    // A foreign key checked only at COMMIT (nothing in the schema is deferred; this makes one).
    const deferred = writePath.transaction(async (manager) => {
      await manager.query('PRAGMA defer_foreign_keys = ON');
      await manager.query(`INSERT INTO slot (id, desk_id, position, starts_at, ends_at) VALUES ('commit-slot', 'no-such-desk', 0, '2026-12-03 05:00:00', '2026-12-03 05:05:00')`);
    });
    const after = writePath.transaction((manager) => manager.insert(AppSetting, { key: 'commit-c', value: 'c' }));
    await queue.release();
    const results = await Promise.allSettled([before, deferred, after]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const result of results) expect(String((result as PromiseRejectedResult).reason.message)).toMatch(/FOREIGN KEY constraint failed/);
    expect(await setting('commit-held')).not.toBeNull();
    expect(await setting('commit-a')).toBeNull();
    expect(await setting('commit-c')).toBeNull();
    expect(await dataSource.query(`SELECT id FROM slot WHERE id = 'commit-slot'`)).toEqual([]);
    // And the next one commits.
    await writePath.transaction((manager) => manager.insert(AppSetting, { key: 'commit-next', value: 'n' }));
    expect(await setting('commit-next')).not.toBeNull();
    expect(sqliteInTransaction()).toBe(false);
  });

  it('fails those whose writes SQLite rolled back by itself, runs the rest afresh, and goes on committing', async () => {
    if (writePath.isPostgres) return; // SQLite's own ROLLBACK (full disk, I/O error), simulated by running one.
    const queue = await holdTheQueue('lost-held');
    const before = writePath.transaction((manager) => manager.insert(AppSetting, { key: 'lost-a', value: 'a' }));
    const ending = writePath.transaction(async (manager) => {
      await manager.query('ROLLBACK');
    });
    const after = writePath.transaction((manager) => manager.insert(AppSetting, { key: 'lost-c', value: 'c' }));
    await queue.release();
    const results = await Promise.allSettled([before, ending, after]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/SQLite rolled back the shared transaction/);
    expect(await setting('lost-a')).toBeNull();
    expect(await setting('lost-c')).toEqual({ key: 'lost-c', value: 'c' });

    // A transaction alone that loses its transaction the same way fails, and the next one truly commits
    // (TypeORM's runner would otherwise still count a transaction open and answer BEGIN with a SAVEPOINT).
    await expect(writePath.transaction((manager) => manager.query('ROLLBACK'))).rejects.toThrow(/no transaction is active/);
    await writePath.transaction((manager) => manager.insert(AppSetting, { key: 'lost-next', value: 'n' }));
    expect(sqliteInTransaction()).toBe(false);
    expect(await setting('lost-next')).toEqual({ key: 'lost-next', value: 'n' });
  });
});
