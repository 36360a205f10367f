import { AppConfig, ConfigError } from './app-config.js';

const configOf = (env: Record<string, string>) => new AppConfig(env as NodeJS.ProcessEnv);
const errorOf = (env: Record<string, string>) => {
  try {
    configOf(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('AppConfig', () => {
  it('works with no variable at all', () => {
    const config = configOf({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', path: expect.stringMatching(/data\/seminars\.sqlite$/) });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.smtpUrl).toBeNull();
    expect(config.mailFrom).toEqual({ name: 'UN Business Seminars', address: 'no-reply@localhost', header: 'UN Business Seminars <no-reply@localhost>' });
    expect(config.defaultTimeZone).toBe('Asia/Almaty');
    expect(config.reminderHours).toEqual([24]);
    expect(config.signupRateLimit).toEqual({ limit: 30, ttlMs: 60_000 });
    expect(config.admin).toBeNull();
    expect(config.organizerName).toBe('United Nations procurement outreach in Kazakhstan');
    expect(config.organizerNameIsDefault).toBe(true);
    // The default is shown in the reader's language (pages, emails, the certificate page).
    expect(config.organizerNameIn('kk')).toBe('Қазақстандағы БҰҰ сатып алу бағдарламасы');
    expect(config.organizerNameIn('en')).toBe('United Nations procurement outreach in Kazakhstan');
    expect(config.contactEmail).toBe('no-reply@localhost');
    expect(config.trustProxy).toEqual(['loopback']);
    expect(config.openApiDocs).toBe(true);
    // NODE_ENV=production changes logging only (CONTRACT): the description stays on.
    expect(configOf({ NODE_ENV: 'production' }).openApiDocs).toBe(true);
    expect(config.logRequests).toBe(true);
    expect(config.isProduction).toBe(false);
  });

  it('reads DATABASE_POOL_SIZE, LOG_REQUESTS and NODE_ENV', () => {
    const config = configOf({ DATABASE_URL: 'postgres://u:p@db:5432/seminars', APP_SECRET: 'x'.repeat(32), DATABASE_POOL_SIZE: '25', LOG_REQUESTS: 'off', NODE_ENV: 'production' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/seminars', poolSize: 25 });
    expect(config.logRequests).toBe(false);
    expect(config.isProduction).toBe(true);
  });

  it('takes the contact address from MAIL_FROM unless CONTACT_EMAIL is set', () => {
    expect(configOf({ MAIL_FROM: 'Seminars <hello@example.org>' }).contactEmail).toBe('hello@example.org');
    const config = configOf({ MAIL_FROM: 'Seminars <hello@example.org>', CONTACT_EMAIL: 'gulnar@un.example.org', ORGANIZER_NAME: 'UNDP Kazakhstan' });
    expect(config.contactEmail).toBe('gulnar@un.example.org');
    expect(config.organizerName).toBe('UNDP Kazakhstan');
    expect(config.organizerNameIsDefault).toBe(false);
    expect(config.organizerNameIn('kk')).toBe('UNDP Kazakhstan');
  });

  it('reads TRUST_PROXY and OPENAPI_DOCS', () => {
    expect(configOf({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(configOf({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(configOf({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,loopback' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'loopback']);
    expect(configOf({ NODE_ENV: 'production', OPENAPI_DOCS: 'off' }).openApiDocs).toBe(false);
    expect(configOf({ OPENAPI_DOCS: 'off' }).openApiDocs).toBe(false);
  });

  it('requires APP_SECRET with PostgreSQL, never with SQLite', () => {
    expect(errorOf({ DATABASE_URL: 'postgres://u:p@db:5432/seminars' }).variable).toBe('APP_SECRET');
    expect(configOf({ DATABASE_URL: 'sqlite:data/x.sqlite' }).appSecret).toBeNull();
  });

  it('reads every variable', () => {
    const config = configOf({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/seminars',
      PUBLIC_URL: 'https://seminars.example.org/',
      SMTP_URL: 'smtps://user:pass@smtp.example.org:465',
      MAIL_FROM: 'Seminars <hello@example.org>',
      APP_SECRET: 'x'.repeat(32),
      ADMIN_EMAIL: 'Admin@Example.org',
      ADMIN_PASSWORD: 'long-enough-password',
      DEFAULT_TIMEZONE: 'Asia/Aqtobe',
      REMINDER_HOURS: '2, 24',
      SIGNUP_RATE_LIMIT: 'off',
      FOLLOWUP_DAYS: '30, 0,7,30',
      ORGANIZER_NAME: 'UNDP Kazakhstan',
    });
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/seminars', poolSize: 10 });
    expect(config.publicUrl).toBe('https://seminars.example.org');
    expect(config.secureCookies).toBe(true);
    expect(config.smtpUrl).toBe('smtps://user:pass@smtp.example.org:465');
    expect(config.mailFrom.address).toBe('hello@example.org');
    expect(config.admin).toEqual({ email: 'admin@example.org', password: 'long-enough-password' });
    expect(config.defaultTimeZone).toBe('Asia/Aqtobe');
    expect(config.reminderHours).toEqual([24, 2]);
    expect(config.signupRateLimit).toBeNull();
    expect(config.followUpDays).toEqual([0, 7, 30]);
    expect(config.organizerName).toBe('UNDP Kazakhstan');
  });

  it('follow-ups default to 7, 30 and 90 days; off means none', () => {
    expect(configOf({}).followUpDays).toEqual([7, 30, 90]);
    expect(configOf({ FOLLOWUP_DAYS: 'off' }).followUpDays).toEqual([]);
    expect(configOf({}).organizerName).toBe('United Nations procurement outreach in Kazakhstan');
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['DATABASE_URL', { DATABASE_URL: 'sqlite:' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://x' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'true' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'on' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'proxy.internal' }],
    ['OPENAPI_DOCS', { OPENAPI_DOCS: 'yes' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail' }],
    ['SMTP_URL', { SMTP_URL: 'not a url' }],
    ['MAIL_FROM', { MAIL_FROM: 'nobody' }],
    ['APP_SECRET', { APP_SECRET: 'short' }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'short' }],
    ['DEFAULT_TIMEZONE', { DEFAULT_TIMEZONE: 'Mars/Base' }],
    ['REMINDER_HOURS', { REMINDER_HOURS: '24,soon' }],
    ['SIGNUP_RATE_LIMIT', { SIGNUP_RATE_LIMIT: '30 per minute' }],
    ['FOLLOWUP_DAYS', { FOLLOWUP_DAYS: '7,thirty' }],
    ['FOLLOWUP_DAYS', { FOLLOWUP_DAYS: '-1' }],
    ['FOLLOWUP_DAYS', { FOLLOWUP_DAYS: '7,,30' }],
    ['CONTACT_EMAIL', { CONTACT_EMAIL: 'gulnar at un' }],
    ['ORGANIZER_NAME', { ORGANIZER_NAME: 'x'.repeat(201) }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: 'ten' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
    ['LOG_REQUESTS', { LOG_REQUESTS: 'quiet' }],
    ['NODE_ENV', { NODE_ENV: 'prod uction' }],
  ])('names %s when its value is bad', (variable, env) => {
    const error = errorOf(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}:`)).toBe(true);
  });
});
