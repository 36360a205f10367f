#!/usr/bin/env node
// The benchmark: `npm run bench [-- --duration 10 --warmup 2 --db postgres --only health,signups --profile]`.
// Starts the compiled app (dist/main.js) as a child process on a fresh database, with a local SMTP
// sink, drives it over HTTP with autocannon, and prints a table plus bench/results.json.
// Not part of `npm test`: timings depend on the machine.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { seedAttendance } from './seed.mjs';
import { benchMeetings } from './meetings.mjs';

const ROOT = join(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    db: { type: 'string', default: 'sqlite' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const ADMIN = { email: 'bench-admin@example.org', password: 'bench-password-1' };
const RUN = randomBytes(3).toString('hex');
const PROFILE_DIR = join(ROOT, 'bench/profiles');
/** case name -> [start, end] in microseconds of the monotonic clock, written beside the profiles. */
const profileWindows = {};

const TARGETS = {
  signupsPerSec: 1000,
  signupRatio: 0.3,
  p99Ms: 100,
  reportMs: 300,
  cataloguePerSec: 2000,
  peakMemoryMb: 300,
  meetingsRatio: 0.3,
  mailDrainSec: 30,
};
/** How long the bench waits for the sign-ups' emails after a burst before calling it a miss. */
const MAIL_DRAIN_WAIT_SEC = 60;

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exit(1);
});

async function main() {
  buildIfNeeded();
  const { binControlDigit } = await import(join(ROOT, 'dist/companies/bin.js'));
  const database = await createDatabase(args.db);
  const smtp = await startSmtpSink();
  const port = await freePort();
  const app = await startApp({ port, database, smtpPort: smtp.port });
  const base = `http://127.0.0.1:${port}`;
  const results = [];
  let exitCode = 0;
  try {
    const token = await login(base);
    const seminarIds = [];
    for (let index = 0; index < 20; index++) seminarIds.push((await createSeminar(base, token, { title: `Bench seminar ${index + 1}`, capacity: 200 })).id);

    const bodies = signUpBodies(binControlDigit);
    const run = (name, options, extra) => measure(app, name, options, extra).then((result) => (results.push(result), result));
    const wanted = (name) => !ONLY || ONLY.has(name);

    const health = wanted('health') || wanted('signups') || wanted('meetings') ? await run('health', { url: `${base}/api/health` }) : null;
    if (wanted('seminars')) await run('seminars', { url: `${base}/api/seminars` });
    if (wanted('catalogue')) await run('catalogue', { url: `${base}/`, headers: { accept: 'text/html' } });
    if (wanted('seminar-page')) await run('seminar-page', { url: `${base}/seminars/${seminarIds[0]}`, headers: { accept: 'text/html' } });

    const signUpsExist = await routeExists(base, 'POST', `/api/seminars/${seminarIds[0]}/registrations`);
    if (!signUpsExist) console.log('! POST /api/seminars/:id/registrations is not there yet: sign-up cases skipped');
    if (signUpsExist && wanted('signups')) {
      const big = await createSeminar(base, token, { title: 'Bench: huge capacity', capacity: 100_000 });
      const before = smtp.received;
      let atStart = before;
      let cpuAtStart = 0;
      const result = await run('signups', signUpRequests(base, big.id, bodies), { ratioTo: health, onMeasureStart: () => ((atStart = smtp.received), (cpuAtStart = cpuMs(app.child.pid))) });
      result.ratioToHealth = health ? round(result.requestsPerSec / health.requestsPerSec, 2) : null;
      // Every acknowledged sign-up (warm-up included) owes one email; wait for the last of them.
      const expected = (result.statusCodes['201'] ?? 0) + (result.warmupStatusCodes['201'] ?? 0);
      const drainStartUs = Number(process.hrtime.bigint() / 1000n);
      result.mail = await drainOutbox(smtp, before, atStart, expected);
      // profile-top.mjs --case signups-mail: the sending of the emails that trailed the burst.
      if (args.profile) profileWindows['signups-mail'] = [drainStartUs, Number(process.hrtime.bigint() / 1000n)];
      // The burst's sign-ups and the sending of their emails (which partly trails the burst), per sign-up.
      result.cpuMsPerSignUpWithMail = result.requests ? round((cpuMs(app.child.pid) - cpuAtStart) / result.requests, 2) : null;
      console.log(`  signups app CPU: ${result.cpuMsPerRequest} ms per sign-up during the burst, ${result.cpuMsPerSignUpWithMail} ms with its emails sent`);
      console.log(`  signups mail: ${result.mail.duringBurst} sent during the ${DURATION} s burst, ${result.mail.afterBurst} after it; all ${expected} sent ${result.mail.drainSec === null ? `NOT within ${MAIL_DRAIN_WAIT_SEC} s` : `${result.mail.drainSec} s after its end`}`);
    }
    if (signUpsExist && wanted('race')) {
      const small = await createSeminar(base, token, { title: 'Bench: 50 seats', capacity: 50 });
      const answers = { confirmed: 0, waitlisted: 0 };
      const options = signUpRequests(base, small.id, bodies, (status, body) => {
        if (status !== 201) return;
        const parsed = JSON.parse(body);
        if (parsed.status in answers) answers[parsed.status] += 1;
      });
      const result = await run('race-50-seats', options, { noWarmup: true });
      const seminar = await json(`${base}/api/seminars/${small.id}`);
      const listed = await json(`${base}/api/seminars/${small.id}/registrations`, token);
      const confirmedRows = listed.filter((row) => row.status === 'confirmed').length;
      const waitlistedRows = listed.filter((row) => row.status === 'waitlisted').length;
      result.race = { answeredConfirmed: answers.confirmed, answeredWaitlisted: answers.waitlisted, seatsTaken: seminar.seatsTaken, confirmedRows, waitlistedRows };
      result.raceOk = answers.confirmed === 50 && seminar.seatsTaken === 50 && confirmedRows === 50 && waitlistedRows >= answers.waitlisted;
      if (!result.raceOk) exitCode = 1;
    }

    if (wanted('meetings')) {
      const result = await benchMeetings({ base, token, run, health, createSeminar, json, bodies });
      if (!result.meetingsOk) exitCode = 1;
    }

    if (wanted('report')) {
      const reportExists = await routeExists(base, 'GET', '/api/reports/attendance-by-company', token);
      if (!reportExists) console.log('! GET /api/reports/attendance-by-company is not there yet: report case skipped');
      else {
        const started = Date.now();
        const seeded = await seedAttendance(database, { seminars: 200, companies: 10_000, registrations: 100_000, binControlDigit });
        console.log(`seeded ${seeded.registrations} registrations in ${seeded.companies} companies across ${seeded.seminars} seminars (${Date.now() - started} ms)`);
        // One connection: the target is the time one organizer waits for the report, not queueing.
        const result = await run('report', { url: `${base}/api/reports/attendance-by-company`, headers: { authorization: `Bearer ${token}` }, connections: 1 });
        const rows = await json(`${base}/api/reports/attendance-by-company`, token);
        result.reportRows = rows.length;
      }
    }
  } finally {
    const peak = peakMemoryMb(app.child.pid);
    await stopApp(app);
    if (args.profile) writeFileSync(join(PROFILE_DIR, `windows-${app.child.pid}.json`), JSON.stringify(profileWindows));
    await smtp.close();
    await database.drop();
    const summary = report(results, peak, database.kind, smtp.received);
    if (summary.failed) exitCode = exitCode || 0; // missed targets are reported, not fatal
  }
  process.exit(exitCode);
}

// ---------------------------------------------------------------- cases

function signUpBodies(binControlDigit) {
  let next = 0;
  const bin = (n) => {
    for (let candidate = n; ; candidate += 7_919) {
      const first11 = String(10_000_000_000 + (candidate % 89_999_999_999)).slice(0, 11);
      const control = binControlDigit(first11);
      if (control !== null) return first11 + control;
    }
  };
  return () => {
    next += 1;
    return JSON.stringify({
      fullName: `Bench Person ${next}`,
      email: `bench-${RUN}-${next}@example.org`,
      phone: '+7 701 000 00 00',
      position: 'Procurement officer',
      language: 'ru',
      consent: true,
      company: { name: `Bench Company ${next % 500}`, bin: bin(next % 500), city: 'Almaty' },
    });
  };
}

function signUpRequests(base, seminarId, nextBody, onResponse) {
  return {
    url: base,
    requests: [
      {
        method: 'POST',
        path: `/api/seminars/${seminarId}/registrations`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: nextBody() }),
        ...(onResponse ? { onResponse } : {}),
      },
    ],
  };
}

async function measure(app, name, options, extra = {}) {
  const connections = options.connections ?? CONNECTIONS;
  const warmup = WARMUP > 0 && !extra.noWarmup ? await cannon({ ...options, connections, duration: WARMUP }) : null;
  extra.onMeasureStart?.();
  resetPeak(app.child.pid);
  const sampler = sampleRss(app.child.pid);
  const cpuBefore = cpuMs(app.child.pid);
  const startedUs = process.hrtime.bigint() / 1000n;
  const result = await cannon({ ...options, connections, duration: DURATION });
  // CLOCK_MONOTONIC, as the app's --cpu-prof timestamps: profile-top.mjs --case picks this window.
  if (args.profile) profileWindows[name] = [Number(startedUs), Number(process.hrtime.bigint() / 1000n)];
  const cpuDuringMs = cpuMs(app.child.pid) - cpuBefore;
  const peakRssMb = sampler.stop();
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]));
  const row = {
    name,
    connections,
    requests: result.requests.total,
    requestsPerSec: round(result.requests.total / (result.duration || DURATION), 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes: codes,
    warmupStatusCodes: warmup ? Object.fromEntries(Object.entries(warmup.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count])) : {},
    peakRssMb,
    // The app process's CPU (user + system) during the measured burst, per request answered.
    cpuMsPerRequest: result.requests.total ? round(cpuDuringMs / result.requests.total, 2) : null,
  };
  console.log(`  ${name}: ${row.requestsPerSec}/s p50 ${row.p50Ms} ms p99 ${row.p99Ms} ms non-2xx ${row.non2xx} errors ${row.errors} codes ${JSON.stringify(codes)}; app CPU ${row.cpuMsPerRequest} ms/request`);
  return row;
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 30, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Polls the SMTP sink until the burst's emails have all arrived (or MAIL_DRAIN_WAIT_SEC passed). */
async function drainOutbox(smtp, before, atStart, expected) {
  const burstEnd = Date.now();
  const atEnd = smtp.received;
  while (smtp.received - before < expected && Date.now() - burstEnd < MAIL_DRAIN_WAIT_SEC * 1000) await new Promise((resolve) => setTimeout(resolve, 100));
  const drained = smtp.received - before >= expected;
  return {
    expected,
    duringWarmup: atStart - before,
    duringBurst: atEnd - atStart,
    afterBurst: smtp.received - atEnd,
    drainSec: drained ? round((Date.now() - burstEnd) / 1000, 1) : null,
  };
}

// ---------------------------------------------------------------- memory

/** Linux keeps the peak RSS (VmHWM); writing 5 to clear_refs resets it, so each case gets its own peak. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    /* not Linux or not allowed: the sampler still polls VmRSS */
  }
}

function readStatusKb(pid, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function sampleRss(pid) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, readStatusKb(pid, 'VmRSS'))), 100);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, readStatusKb(pid, 'VmRSS'), readStatusKb(pid, 'VmHWM'));
      return round(peak / 1024, 0);
    },
  };
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid) {
  const stat = safeRead(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the file, 12 and 13 after "pid (comm) ".
  return ((Number(fields[11]) || 0) + (Number(fields[12]) || 0)) * 10;
}

function peakMemoryMb(pid) {
  return round(readStatusKb(pid, 'VmHWM') / 1024, 0);
}

// ---------------------------------------------------------------- app, database, SMTP

function buildIfNeeded() {
  const entry = join(ROOT, 'dist/main.js');
  const newest = (dir) =>
    readdirSync(dir, { recursive: true })
      .map((file) => join(dir, String(file)))
      .filter((file) => file.endsWith('.ts'))
      .reduce((latest, file) => Math.max(latest, statSync(file).mtimeMs), 0);
  if (existsSync(entry) && (!existsSync(join(ROOT, 'src')) || statSync(entry).mtimeMs >= newest(join(ROOT, 'src')))) return;
  console.log('building (nest build)…');
  const built = spawnSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('nest build failed');
}

async function createDatabase(kind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(os.tmpdir(), 'seminars-bench-'));
    const path = join(dir, 'bench.sqlite');
    return { kind, url: `sqlite:${path}`, path, drop: async () => undefined };
  }
  if (kind !== 'postgres') throw new Error(`--db must be sqlite or postgres, got ${kind}`);
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('--db postgres needs TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  const { default: pg } = await import('pg');
  const name = `seminars_bench_${RUN}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Accepts every message and throws it away; counts them. */
async function startSmtpSink() {
  const sink = { received: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        sink.received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = server.server.address().port;
  sink.close = () => new Promise((resolve) => server.close(resolve));
  return sink;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startApp({ port, database, smtpPort }) {
  const logDir = mkdtempSync(join(os.tmpdir(), 'seminars-bench-log-'));
  const log = createWriteStream(join(logDir, 'app.log'));
  const nodeArgs = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  if (args.profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: database.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SIGNUP_RATE_LIMIT: 'off',
      LOG_REQUESTS: 'off',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      APP_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      MAIL_DIR: join(logDir, 'mail'),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited during start-up: ${stderr}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`app did not answer /api/health within 60 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`app pid ${child.pid} on port ${port} (${database.kind}); log ${join(logDir, 'app.log')}`);
  return { child, exited, logFile: join(logDir, 'app.log') };
}

async function stopApp(app) {
  if (app.child.exitCode !== null) return;
  // SIGINT lets Node write the --cpu-prof file on the way out.
  app.child.kill(args.profile ? 'SIGINT' : 'SIGTERM');
  const timeout = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
  await app.exited;
  clearTimeout(timeout);
}

// ---------------------------------------------------------------- HTTP helpers

async function login(base) {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

async function createSeminar(base, token, overrides) {
  const startsAt = new Date(Date.now() + 14 * 86_400_000);
  startsAt.setUTCHours(5, 0, 0, 0);
  const body = {
    title: 'Bench seminar',
    description: 'Selling to the UN: how procurement works, registering on UNGM, and bidding.',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
    timeZone: 'Asia/Almaty',
    city: 'Almaty',
    venue: 'UN House, 67 Tole Bi St',
    language: 'ru',
    capacity: 100,
    ...overrides,
  };
  const response = await fetch(`${base}/api/seminars`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`seminar creation failed: ${response.status} ${await response.text()}`);
  return response.json();
}

async function json(url, token) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}`, accept: 'application/json' } : { accept: 'application/json' } });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Nest answers an unknown route with "Cannot METHOD path"; anything else means the route is there. */
async function routeExists(base, method, path, token) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: method === 'POST' ? '{}' : undefined,
  });
  if (response.status !== 404) return true;
  return !(await response.text()).includes(`Cannot ${method}`);
}

// ---------------------------------------------------------------- output

function report(results, peakMb, dbKind, mailsReceived) {
  const byName = Object.fromEntries(results.map((row) => [row.name, row]));
  const checks = [];
  const check = (label, ok, measured) => checks.push({ label, ok, measured });
  if (byName.signups) {
    check(`sign-ups ≥ ${TARGETS.signupsPerSec}/s`, byName.signups.requestsPerSec >= TARGETS.signupsPerSec, `${byName.signups.requestsPerSec}/s`);
    if (byName.signups.ratioToHealth !== null) check(`sign-ups ≥ ${TARGETS.signupRatio}× health`, byName.signups.ratioToHealth >= TARGETS.signupRatio, `${byName.signups.ratioToHealth}×`);
  }
  for (const row of results.filter((r) => r.connections === CONNECTIONS)) {
    check(`${row.name}: p99 < ${TARGETS.p99Ms} ms`, row.p99Ms < TARGETS.p99Ms, `${row.p99Ms} ms`);
  }
  if (byName.signups?.mail) {
    const mail = byName.signups.mail;
    check(`sign-ups' emails all sent within ${TARGETS.mailDrainSec} s of the burst's end`, mail.drainSec !== null && mail.drainSec <= TARGETS.mailDrainSec, mail.drainSec === null ? `${mail.duringWarmup + mail.duringBurst + mail.afterBurst} of ${mail.expected} after ${MAIL_DRAIN_WAIT_SEC} s` : `${mail.drainSec} s (${mail.duringBurst} during the burst, ${mail.afterBurst} after)`);
  }
  if (byName['race-50-seats']) check('race: exactly 50 confirmed, seatsTaken = confirmed answers', byName['race-50-seats'].raceOk, JSON.stringify(byName['race-50-seats'].race));
  if (byName.report) check(`report p99 < ${TARGETS.reportMs} ms`, byName.report.p99Ms < TARGETS.reportMs, `p50 ${byName.report.p50Ms} ms, p99 ${byName.report.p99Ms} ms`);
  if (byName.catalogue) check(`catalogue ≥ ${TARGETS.cataloguePerSec}/s`, byName.catalogue.requestsPerSec >= TARGETS.cataloguePerSec, `${byName.catalogue.requestsPerSec}/s`);
  check(`peak memory < ${TARGETS.peakMemoryMb} MB`, peakMb < TARGETS.peakMemoryMb, `${peakMb} MB`);
  if (byName.meetings) check(`meetings ≥ ${TARGETS.meetingsRatio}× health`, byName.meetings.ratioToHealth !== null && byName.meetings.ratioToHealth >= TARGETS.meetingsRatio, `${byName.meetings.ratioToHealth}×`);
  const meetings = byName.meetings ?? byName['meetings-409s'];
  if (meetings) check('meetings: 201s = stored meetings, all planned, one per slot, ≤ 3 each, no overlap', meetings.meetingsOk, JSON.stringify(meetings.meetings));
  // The meetings case answers 409 by design once its plan is used up; its own check counts them.
  for (const row of results) if (!row.name.startsWith('meetings')) check(`${row.name}: no errors or unexpected non-2xx`, row.errors === 0 && row.non2xx === 0, `non-2xx ${row.non2xx}, errors ${row.errors}`);

  const machine = {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    nproc: spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim(),
    cpuModel: /model name\s*:\s*(.*)/.exec(safeRead('/proc/cpuinfo'))?.[1] ?? os.cpus()[0]?.model,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
  console.log(`\nUN Business Seminars benchmark — ${dbKind}, ${CONNECTIONS} connections, ${DURATION} s per case (${WARMUP} s warm-up)`);
  console.log(`machine: ${machine.nproc} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}\n`);
  const header = ['case', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'peak RSS MB', 'note'];
  const lines = results.map((row) => [
    row.name,
    row.connections,
    row.requestsPerSec,
    row.p50Ms,
    row.p99Ms,
    row.non2xx,
    row.peakRssMb,
    row.ratioToHealth != null ? `${row.ratioToHealth}× health${row.mail ? `; mail ${row.mail.duringBurst} during, ${row.mail.afterBurst} after, drained ${row.mail.drainSec ?? '—'} s` : ''}${row.meetingsMailDrainSec != null ? `; emails sent ${row.meetingsMailDrainSec} s after` : ''}` : row.race ? `confirmed ${row.race.answeredConfirmed}, seatsTaken ${row.race.seatsTaken}` : row.reportRows != null ? `${row.reportRows} companies` : '',
  ]);
  printTable(header, lines);
  console.log(`\npeak memory of the app process (VmHWM): ${peakMb} MB; emails accepted by the SMTP sink: ${mailsReceived}\n`);
  for (const c of checks) console.log(`${c.ok ? 'PASS' : 'MISS'}  ${c.label}: ${c.measured}`);

  const output = { date: new Date().toISOString(), db: dbKind, durationSec: DURATION, warmupSec: WARMUP, connections: CONNECTIONS, machine, targets: TARGETS, peakMemoryMb: peakMb, emailsDelivered: mailsReceived, cases: results, checks };
  // One file for both databases: a run replaces its own entry and keeps the other's.
  const file = join(ROOT, 'bench', 'results.json');
  let previous = {};
  try {
    previous = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    /* first run */
  }
  writeFileSync(file, `${JSON.stringify({ ...previous, [dbKind]: output }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
  return { failed: checks.some((c) => !c.ok) };
}

function printTable(header, rows) {
  const widths = header.map((title, column) => Math.max(String(title).length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
