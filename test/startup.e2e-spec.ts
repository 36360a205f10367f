import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(import.meta.dirname, '..', 'dist', 'main.js');

/** Starts the compiled app (built by `npm test`'s pretest) with a bad setting: it must stop at once. */
function startWith(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'seminars-start-'));
  return spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('start-up with a bad setting', () => {
  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mongodb://localhost/x' }],
    ['PORT', { PORT: 'abc' }],
    ['DEFAULT_TIMEZONE', { DEFAULT_TIMEZONE: 'Europe/Atlantis' }],
    ['SMTP_URL', { SMTP_URL: 'smtp//broken' }],
    // No database is needed to tell: the check comes before connecting.
    ['APP_SECRET', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' }],
  ])('stops with exit code 1 and one line naming %s', (variable, env) => {
    const result = startWith(env);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(result.stdout).toBe('');
  });
});
