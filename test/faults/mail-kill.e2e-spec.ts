import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/app-config.js';
import { eventually } from '../support/eventually.js';
import { seminarInput, signUpBody } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { ADMIN } from '../support/test-app.js';
import { freePort } from '../support/ports.js';

/**
 * kill -9 in the middle of a sign-up rush. The compiled app runs as a child process; after the
 * restart on the same database every acknowledged sign-up is there and its confirmation goes out,
 * once per Message-ID.
 */
describe('fault: kill -9 during a sign-up rush', () => {
  let sink: SmtpSink;
  let database: TestDatabase;
  let child: ChildProcess | null = null;
  let port = 0;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    database = await createTestDatabase();
    port = await freePort();
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: sink.url,
      SIGNUP_RATE_LIMIT: 'off',
      APP_SECRET: 'kill-test-secret-kill-test-secret-0123456',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      MAIL_DIR: mkdtempSync(join(tmpdir(), 'seminars-kill-mail-')),
      REMINDER_HOURS: 'off',
      LOG_REQUESTS: 'off',
    };
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await sink?.stop();
    await database?.drop();
  });

  const base = () => `http://127.0.0.1:${port}`;

  async function startApp(): Promise<ChildProcess> {
    // `npm test` builds dist first, but in a shared working tree a parallel `nest build` may be
    // rewriting it for a moment; a start that fails on a missing module is tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce();
      } catch (error) {
        if (attempt >= 10 || !/Cannot find module/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  async function startOnce(): Promise<ChildProcess> {
    await eventually(() => existsSync(join(PROJECT_ROOT, 'dist', 'main.js')), { timeout: 60_000, what: 'dist/main.js (npm test builds it)' });
    const started = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'main.js')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const outcome = await eventually(
      async () => {
        if (started.exitCode !== null) return 'exited';
        // A refused connection (not listening yet) counts as not ready.
        return (await fetch(`${base()}/api/health`)).status === 200 && 'healthy';
      },
      { timeout: 30_000, what: 'the app to answer /api/health' },
    ).catch(() => {
      started.kill('SIGKILL');
      throw new Error(`app did not start: ${stderr}`);
    });
    if (outcome === 'exited') throw new Error(`app exited with ${started.exitCode}: ${stderr}`);
    return started;
  }

  it('keeps every acknowledged sign-up and sends its confirmation after a restart', async () => {
    child = await startApp();
    const login = (await (await fetch(`${base()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
    const seminar = (await (await fetch(`${base()}/api/seminars`, { method: 'POST', headers: auth, body: JSON.stringify(seminarInput({ capacity: 5000 })) })).json()) as { id: string };

    const acknowledged = new Map<string, string>(); // email -> registration id
    let killed = false;
    let sent = 0;
    let refused = 0;
    const killAfter = 60;
    const worker = async () => {
      while (!killed && sent < 2000) {
        const body = signUpBody();
        sent++;
        try {
          const response = await fetch(`${base()}/api/seminars/${seminar.id}/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          if (response.status === 201) acknowledged.set(body.email, ((await response.json()) as { id: string }).id);
        } catch {
          refused++;
        }
        if (!killed && acknowledged.size >= killAfter) {
          killed = true;
          child!.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    await new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode ? resolve() : child!.once('exit', () => resolve())));
    expect(child!.signalCode).toBe('SIGKILL');
    const deliveredBeforeRestart = sink.messages.length;

    const restartedAt = Date.now();
    child = await startApp();
    const healthyMs = Date.now() - restartedAt;
    const relogin = (await (await fetch(`${base()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { accessToken: string };
    const registrations = (await (
      await fetch(`${base()}/api/seminars/${seminar.id}/registrations`, { headers: { authorization: `Bearer ${relogin.accessToken}` } })
    ).json()) as Array<{ id: string; email: string; status: string }>;
    const stored = new Map(registrations.map((registration) => [registration.email, registration.id]));
    for (const [email, id] of acknowledged) expect(stored.get(email)).toBe(id);

    // Everything stored gets its confirmation, the acknowledged ones and any that committed while the answer was lost.
    const everyone = [...stored.keys()];
    // On PostgreSQL, rows the killed process had claimed wait for its 60 s lease to run out (outbox.worker.ts).
    await sink.waitFor((all) => everyone.every((email) => all.some((mail) => mail.to.includes(email))), 100_000, 'a confirmation for every stored sign-up');
    const recoveryMs = Date.now() - restartedAt;
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    let repeatedDeliveries = 0;
    for (const email of everyone) {
      const received = sink.to(email);
      expect(new Set(received.map((mail) => mail.messageId)).size).toBe(1);
      expect(received[0].parsed.subject).toMatch(/^Registration confirmed/);
      repeatedDeliveries += received.length - 1;
    }
    process.stdout.write(
      `[mail-kill] ${database.kind}: ${sent} sign-ups fired, ${acknowledged.size} acknowledged (201) before SIGKILL, ${refused} cut off; ` +
        `${stored.size} stored after restart (${stored.size - acknowledged.size} committed without an answer); ` +
        `${deliveredBeforeRestart} confirmations delivered before the kill; all ${everyone.length} had theirs ${recoveryMs} ms after the restart began (app healthy after ${healthyMs} ms); ` +
        `${repeatedDeliveries} repeated deliveries (same Message-ID)\n`,
    );
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => (child!.exitCode !== null ? resolve() : child!.once('exit', () => resolve())));
    child = null;
    // Two cold starts of the compiled app plus the mail catch-up; generous for a loaded CI machine.
  }, 180_000);

  it('kill -9 in the middle of a round of emails sends again only what was delivered in its last moments', async () => {
    child = await startApp();
    const login = (await (await fetch(`${base()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
    const seminar = (await (await fetch(`${base()}/api/seminars`, { method: 'POST', headers: auth, body: JSON.stringify(seminarInput({ capacity: 5000 })) })).json()) as { id: string };
    sink.clear();
    // A slow server: the worker's round of up to 50 claimed rows takes seconds to go out.
    sink.delayMs = 40;
    const emails: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let index = 0; index < 6; index++) {
          const body = signUpBody();
          const response = await fetch(`${base()}/api/seminars/${seminar.id}/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          expect(response.status).toBe(201);
          emails.push(body.email);
        }
      }),
    );
    await sink.waitForCount(25, 60_000);
    child.kill('SIGKILL');
    await new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode ? resolve() : child!.once('exit', () => resolve())));
    const deliveredBeforeKill = sink.messages.length;
    sink.delayMs = 0;

    child = await startApp();
    // On PostgreSQL the killed process's claims wait for their 60 s lease (outbox.worker.ts).
    await sink.waitFor((all) => emails.every((email) => all.some((mail) => mail.to.includes(email))), 100_000, 'a confirmation for every sign-up');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const repeated = emails.reduce((sum, email) => sum + sink.to(email).length - 1, 0);
    for (const email of emails) expect(new Set(sink.to(email).map((mail) => mail.messageId)).size).toBe(1);
    process.stdout.write(`[mail-kill] ${database.kind}: ${deliveredBeforeKill} of ${emails.length} confirmations delivered before kill -9 mid-round; ${repeated} delivered again after the restart\n`);
    // Sent rows are recorded five at a time as they go out: what was delivered but not yet recorded is a
    // few batches of five and the 5 SMTP connections' sends in flight, not the round of up to 50.
    expect(repeated).toBeLessThanOrEqual(15);
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => (child!.exitCode !== null ? resolve() : child!.once('exit', () => resolve())));
    child = null;
  }, 180_000);
});
