import { DataSource } from 'typeorm';
import { AppSetting } from '../src/database/app-setting.entity.js';
import { WriteOutsideWritePathError, WritePath } from '../src/database/write-path.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/** A promise the test resolves by hand, to hold a transaction open at a chosen point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('the write path is the only write path', () => {
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
