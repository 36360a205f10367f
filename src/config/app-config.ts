import { readFileSync } from 'node:fs';
import { translate, type Language } from '../i18n/i18n.js';
import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';

/** The project root: `src/config` and `dist/config` both sit two levels below it. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export type DatabaseConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; poolSize: number };

/** `false` (trust no proxy), a hop count, or addresses, CIDR ranges and Express's names (loopback, linklocal, uniquelocal). */
export type TrustProxy = false | number | string[];

export interface RateLimit {
  limit: number;
  ttlMs: number;
}

/** A bad setting. Its message is the one line printed before the process stops. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/**
 * Every setting of the app, read once from the environment at start-up and validated.
 * Defaults come from config/defaults.json so that operators can read them in one place.
 */
export class AppConfig {
  readonly nodeEnv: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  readonly publicUrl: string;
  readonly smtpUrl: string | null;
  readonly mailFrom: { name: string; address: string; header: string };
  readonly appSecret: string | null;
  readonly admin: { email: string; password: string } | null;
  readonly defaultTimeZone: string;
  readonly reminderHours: number[];
  readonly signupRateLimit: RateLimit | null;
  readonly retentionDays: number;
  readonly loginMaxFailures: number;
  readonly mailDir: string;
  /** MAIL_WORKER=off stops sending and the reminder timer (tests that inspect queued rows). */
  readonly mailWorker: boolean;
  /** Sends tried before a row is marked failed; with the 10 s backoff cap, 30 tries span about 4.5 minutes. */
  readonly mailMaxAttempts: number;
  /** Express's `trust proxy`: which proxies may tell the client address (X-Forwarded-For) and scheme. */
  readonly trustProxy: TrustProxy;
  /** Serve the OpenAPI description and its UI at /api/docs. */
  readonly openApiDocs: boolean;
  /** MEETINGS_PER_REGISTRATION: one-to-one meetings one registration may hold at once. */
  readonly meetingsPerRegistration: number;
  /** Days after a seminar ended at which checked-in attendees get the follow-up survey, smallest first; [] = off. */
  readonly followUpDays: number[];
  /** Who runs the seminars: shown on every page, in every email and on certificates. */
  readonly organizerName: string;
  /** The human contact shown on every page and in every email (defaults to MAIL_FROM's address). */
  readonly contactEmail: string;
  /** One log line per request (LOG_REQUESTS=off silences it, e.g. for benchmarks). */
  readonly logRequests: boolean;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const defaults = loadDefaults();
    const read = (name: string): string | undefined => {
      const value = env[name];
      if (value !== undefined && value.trim() !== '') return value.trim();
      return defaults[name];
    };

    this.nodeEnv = parseNodeEnv(env.NODE_ENV?.trim() || 'development');
    this.port = parsePort(read('PORT'));
    this.database = parseDatabaseUrl(read('DATABASE_URL')!, parsePositiveInt('DATABASE_POOL_SIZE', read('DATABASE_POOL_SIZE')!, 1, 1000));
    this.publicUrl = parsePublicUrl(read('PUBLIC_URL') ?? `http://localhost:${this.port}`);
    this.smtpUrl = parseSmtpUrl(read('SMTP_URL'));
    this.mailFrom = parseMailFrom(read('MAIL_FROM')!);
    this.appSecret = parseSecret(read('APP_SECRET'), this.database);
    this.admin = parseAdmin(read('ADMIN_EMAIL'), read('ADMIN_PASSWORD'));
    this.defaultTimeZone = parseTimeZone('DEFAULT_TIMEZONE', read('DEFAULT_TIMEZONE')!);
    this.reminderHours = parseReminderHours(read('REMINDER_HOURS')!);
    this.signupRateLimit = parseRateLimit('SIGNUP_RATE_LIMIT', read('SIGNUP_RATE_LIMIT')!);
    this.retentionDays = parsePositiveInt('RETENTION_DAYS', read('RETENTION_DAYS')!, 1, 36500);
    this.loginMaxFailures = parsePositiveInt('LOGIN_MAX_FAILURES', read('LOGIN_MAX_FAILURES')!, 1, 1000);
    this.mailDir = resolvePath(read('MAIL_DIR')!);
    this.mailWorker = parseOnOff('MAIL_WORKER', read('MAIL_WORKER')!);
    this.mailMaxAttempts = parsePositiveInt('MAIL_MAX_ATTEMPTS', read('MAIL_MAX_ATTEMPTS')!, 1, 1000);
    this.trustProxy = parseTrustProxy(read('TRUST_PROXY')!);
    // Off by default in production: the description lists every organizer route for whoever asks.
    const docs = read('OPENAPI_DOCS');
    // On by default everywhere: NODE_ENV=production changes logging only (CONTRACT, Environment).
    this.openApiDocs = docs === undefined ? true : parseOnOff('OPENAPI_DOCS', docs);
    this.meetingsPerRegistration = parsePositiveInt('MEETINGS_PER_REGISTRATION', read('MEETINGS_PER_REGISTRATION')!, 1, 50);
    this.followUpDays = parseFollowUpDays(read('FOLLOWUP_DAYS')!);
    this.logRequests = parseOnOff('LOG_REQUESTS', read('LOG_REQUESTS')!);
    this.organizerName = parseOrganizerName(read('ORGANIZER_NAME')!);
    this.contactEmail = parseContactEmail(read('CONTACT_EMAIL') ?? this.mailFrom.address);
  }

  /** True while ORGANIZER_NAME is the default, which pages and emails then show translated. */
  get organizerNameIsDefault(): boolean {
    return this.organizerName === DEFAULT_ORGANIZER_NAME;
  }

  /** ORGANIZER_NAME as a page or an email in `language` shows it: the default in that language, a set name as set. */
  organizerNameIn(language: Language): string {
    return this.organizerNameIsDefault ? translate(language, 'layout.footer') : this.organizerName;
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /** Cookies get `Secure` when the public address is https. */
  get secureCookies(): boolean {
    return this.publicUrl.startsWith('https://');
  }

  /**
   * Cookie names. Under https they carry the `__Host-` prefix: the browser then only accepts them
   * with Secure, Path=/ and no Domain, so no subdomain or plain-http page can plant or overwrite
   * them. Browsers refuse `__Host-` cookies without Secure, so plain http (local development on
   * http://localhost) keeps the bare names.
   */
  get sessionCookie(): string {
    return this.secureCookies ? '__Host-session' : 'session';
  }

  get csrfCookie(): string {
    return this.secureCookies ? '__Host-csrf' : 'csrf';
  }
}

function loadDefaults(): Record<string, string> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'config', 'defaults.json'), 'utf8'));
}

function resolvePath(path: string): string {
  return isAbsolute(path) ? path : join(process.cwd(), path);
}

/** Only `production` changes anything (JSON logs, no OpenAPI page by default); any plain name is accepted. */
function parseNodeEnv(raw: string): string {
  if (!/^[a-z][a-z0-9_-]{0,39}$/i.test(raw)) throw new ConfigError('NODE_ENV', `must be a plain name such as production or development, got "${raw}"`);
  return raw;
}

function parsePort(raw: string | undefined): number {
  if (!raw || !/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError('PORT', `must be a number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

export function parseDatabaseUrl(raw: string, poolSize: number): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:data/seminars.sqlite');
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolvePath(path) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.hostname) throw new Error('no host');
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url: raw, poolSize };
  }
  throw new ConfigError('DATABASE_URL', `unknown scheme in "${raw.split(':')[0]}:"; use sqlite:<file> or postgres://…`);
}

function parsePublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('PUBLIC_URL', 'must start with http:// or https://');
  }
  return raw.replace(/\/+$/, '');
}

function parseSmtpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', 'is not a URL; use smtp://[user:pass@]host:port or smtps://…');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', `unknown scheme "${url.protocol}"; use smtp:// or smtps://`);
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL', 'has no host');
  if (url.port && !/^\d+$/.test(url.port)) throw new ConfigError('SMTP_URL', 'has a non-numeric port');
  return raw;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

function parseMailFrom(raw: string): { name: string; address: string; header: string } {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>]+)>\s*$/.exec(raw);
  const name = match ? match[1].trim() : '';
  const address = match ? match[2].trim() : raw.trim();
  if (!EMAIL.test(address) || /[\r\n]/.test(raw)) {
    throw new ConfigError('MAIL_FROM', 'must be an address or "Name <address>"');
  }
  return { name: name || address, address, header: name ? `${name} <${address}>` : address };
}

export const DEFAULT_ORGANIZER_NAME = 'United Nations procurement outreach in Kazakhstan';

function parseOrganizerName(raw: string): string {
  if (raw.length > 200 || /[\u0000-\u001F\u007F-\u009F]/.test(raw)) {
    throw new ConfigError('ORGANIZER_NAME', 'must be one line of at most 200 characters');
  }
  return raw;
}

function parseContactEmail(raw: string): string {
  if (!EMAIL.test(raw) || raw.length > 254) throw new ConfigError('CONTACT_EMAIL', `must be an email address; got "${raw}"`);
  return raw;
}

function parseSecret(raw: string | undefined, database: DatabaseConfig): string | null {
  // Several instances share one PostgreSQL database; a secret generated into the database would let
  // a copy of it forge tokens and manage links, and one generated per instance would not be shared.
  if (!raw && database.kind === 'postgres') throw new ConfigError('APP_SECRET', 'is required with a PostgreSQL DATABASE_URL: set it to at least 32 random characters, the same on every instance');
  if (!raw) return null;
  if (raw.length < 32) throw new ConfigError('APP_SECRET', 'must be at least 32 characters');
  return raw;
}

function parseAdmin(email: string | undefined, password: string | undefined) {
  if (!email && !password) return null;
  if (!email || !EMAIL.test(email)) throw new ConfigError('ADMIN_EMAIL', 'must be an email address when ADMIN_PASSWORD is set');
  if (!password || password.length < 10) throw new ConfigError('ADMIN_PASSWORD', 'must be at least 10 characters');
  return { email: email.toLowerCase(), password };
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

function parseTimeZone(variable: string, raw: string): string {
  if (!isTimeZone(raw)) throw new ConfigError(variable, `unknown time zone "${raw}"; use an IANA name such as Asia/Almaty`);
  return raw;
}

function parseReminderHours(raw: string): number[] {
  if (raw === 'off' || raw === '') return [];
  const hours = raw.split(',').map((part) => part.trim());
  if (hours.some((hour) => !/^\d{1,4}$/.test(hour) || Number(hour) < 1)) {
    throw new ConfigError('REMINDER_HOURS', `must be a comma list of whole hours, e.g. 24,2; got "${raw}"`);
  }
  return [...new Set(hours.map(Number))].sort((a, b) => b - a);
}

export function parseFollowUpDays(raw: string): number[] {
  if (raw === 'off') return [];
  const days = raw.split(',').map((part) => part.trim());
  if (days.some((day) => !/^\d{1,4}$/.test(day) || Number(day) > 3650)) {
    throw new ConfigError('FOLLOWUP_DAYS', `must be a comma list of whole days from 0 to 3650 (0 = as soon as the seminar ended), e.g. 7,30,90, or off; got "${raw}"`);
  }
  return [...new Set(days.map(Number))].sort((a, b) => a - b);
}

const UNIT_MS: Record<string, number> = { sec: 1000, min: 60_000, hour: 3_600_000 };

export function parseRateLimit(variable: string, raw: string): RateLimit | null {
  if (raw === 'off') return null;
  const match = /^(\d+)\/(sec|min|hour)$/.exec(raw);
  if (!match || Number(match[1]) < 1) throw new ConfigError(variable, `must look like 30/min (N/sec, N/min, N/hour) or off; got "${raw}"`);
  return { limit: Number(match[1]), ttlMs: UNIT_MS[match[2]] };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: `off`, a number of proxy hops, or a comma list of proxy addresses, CIDR ranges and
 * the names loopback, linklocal, uniquelocal. Trusting a proxy that is not there lets any client
 * choose the address that the sign-up and login limits count, so `on`/`true` (trust all) is refused.
 */
export function parseTrustProxy(raw: string): TrustProxy {
  if (raw === 'off' || raw === 'false') return false;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const valid = (entry: string) => {
    if (PROXY_NAMES.includes(entry)) return true;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return false;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  };
  if (entries.length === 0 || !entries.every(valid)) {
    throw new ConfigError('TRUST_PROXY', `must be off, a hop count, or a comma list of addresses, CIDR ranges, loopback, linklocal, uniquelocal; got "${raw}"`);
  }
  return entries;
}

function parseOnOff(variable: string, raw: string): boolean {
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(variable, `must be on or off; got "${raw}"`);
}

function parsePositiveInt(variable: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(variable, `must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return Number(raw);
}
