import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { EntityManager } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { AppConfig } from '../../src/config/app-config.js';
import { WritePath } from '../../src/database/write-path.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  database: TestDatabase;
  /** A bearer token for the seeded admin. */
  adminToken: string;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule (migrations included) on a database of its own.
 * `env` overrides settings for this app; everything else gets test-friendly defaults.
 */
export async function startTestApp(env: Record<string, string | undefined> = {}, database?: TestDatabase): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const settings: Record<string, string | undefined> = {
    DATABASE_URL: db.url,
    APP_SECRET: 'test-secret-test-secret-test-secret-0123',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PUBLIC_URL: 'http://localhost:3999',
    MAIL_DIR: mkdtempSync(join(tmpdir(), 'seminars-mail-')),
    SIGNUP_RATE_LIMIT: 'off',
    SMTP_URL: undefined,
    LOG_REQUESTS: 'off',
    ...env,
  };
  // The app's settings are this environment over the process's own; process.env itself is left alone.
  const environment: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) delete environment[key];
    else environment[key] = value;
  }
  const app = await createApp({ config: new AppConfig(environment), logLevels: (process.env.TEST_LOG_LEVELS ?? 'error').split(',') as never });
  await app.init();
  const http = request(app.getHttpServer());
  const login = await http.post('/api/auth/login').send(ADMIN);
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return {
    app,
    http,
    database: db,
    adminToken: login.body.accessToken,
    close: async () => {
      await app.close();
      if (!database) await db.drop();
    },
  };
}

/**
 * Changes data behind the API's back (fixtures, moving time): through the app's write path like every
 * write, since a write beside it is refused.
 */
export function writeDirectly<T>(test: Pick<TestApp, 'app'>, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return test.app.get(WritePath).transaction(work);
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

export type { INestApplication };
