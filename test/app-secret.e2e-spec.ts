import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { WritePath } from '../src/database/write-path.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from './support/database.js';
import { createSeminar, signUp } from './support/factories.js';
import { startTestApp } from './support/test-app.js';

/** The signing secret never lives in the database (issue 10, item 4; CONTRACT: APP_SECRET). */
describe('the signing secret', () => {
  const OLD_SECRET = 'secret-of-an-older-install-kept-in-the-db-0123';
  const manageToken = (secret: string, registrationId: string) => createHmac('sha256', secret).update(`manage:${registrationId}`).digest('base64url');
  const param = (db: DataSource) => (db.options.type === 'postgres' ? '$1' : '?');

  (usingPostgres ? it.skip : it)('SQLite: generated at first start into a 0600 file beside the database, in a 0700 directory; the database file is 0600', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'seminars-secret-')), 'data');
    const database: TestDatabase = { url: `sqlite:${join(dir, 'seminars.sqlite')}`, kind: 'sqlite', drop: async () => undefined };
    const t = await startTestApp({ APP_SECRET: undefined }, database);
    try {
      const file = join(dir, 'seminars.secret');
      expect(existsSync(file)).toBe(true);
      const secret = readFileSync(file, 'utf8').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'seminars.sqlite')).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);

      // Tokens are signed with it: a manage link computed from the file opens the registration.
      const seminar = await createSeminar(t);
      const registration = await signUp(t, seminar.id, { fullName: 'Aigerim Nurlanovna', email: 'aigerim@example.org' });
      await t.http.get(`/api/registrations/${manageToken(secret, registration.id)}`).expect(200);

      // A dump of the database (every byte of its files) does not contain it.
      const db = t.app.get(DataSource);
      await db.query('PRAGMA wal_checkpoint(FULL)');
      for (const name of readdirSync(dir).filter((entry) => entry.startsWith('seminars.sqlite'))) {
        expect(readFileSync(join(dir, name)).includes(Buffer.from(secret))).toBe(false);
      }
      expect(await db.query(`SELECT key FROM app_setting WHERE value = ${param(db)}`, [secret])).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('an installation that kept its secret in the database is moved over: the row is gone and the manage links already sent keep working', async () => {
    const database = await createTestDatabase();
    // The older release: a generated secret in app_setting, links signed with it.
    const before = await startTestApp({ APP_SECRET: OLD_SECRET }, database);
    let registrationId: string;
    try {
      const seminar = await createSeminar(before);
      registrationId = (await signUp(before, seminar.id, { fullName: 'Erlan Bekov', email: 'erlan@example.org' })).id;
      const db = before.app.get(DataSource);
      await before.app.get(WritePath).transaction((manager) => manager.query(`INSERT INTO app_setting (key, value) VALUES ('app_secret', ${param(db)})`, [OLD_SECRET]));
    } finally {
      await before.close();
    }

    // The upgrade: on SQLite without APP_SECRET (the file takes over); PostgreSQL needs APP_SECRET, set
    // to the stored value as the README's upgrade note says.
    const after = await startTestApp({ APP_SECRET: database.kind === 'postgres' ? OLD_SECRET : undefined }, database);
    try {
      const db = after.app.get(DataSource);
      expect(await db.query("SELECT key FROM app_setting WHERE key = 'app_secret'")).toEqual([]);
      const link = await after.http.get(`/api/registrations/${manageToken(OLD_SECRET, registrationId)}`).expect(200);
      expect(link.body.id).toBe(registrationId);
      if (database.kind === 'sqlite') {
        const file = join(database.url.slice('sqlite:'.length, -'test.sqlite'.length), 'test.secret');
        expect(readFileSync(file, 'utf8').trim()).toBe(OLD_SECRET);
        expect(statSync(file).mode & 0o777).toBe(0o600);
      }
    } finally {
      await after.close();
      await database.drop();
    }
  });
});
