import { randomUUID } from 'node:crypto';
import { OutboxEmail, type OutboxStatus } from '../src/mail/outbox-email.entity.js';
import { OutboxService } from '../src/mail/outbox.service.js';
import { eventually } from './support/eventually.js';
import { createSeminar, signUp } from './support/factories.js';
import { startTestApp, writeDirectly, type TestApp } from './support/test-app.js';
import { consoleAs } from './support/console-session.js';

const WAVE = 5000;

/** Handlebars writes = as &#x3D; and & as &amp; in attributes. */
const unescapeHtml = (text: string) => text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
const KINDS = ['invitation', 'confirmation', 'reminder', 'updated'];
const GULNAR = 'gulnar.ospanova@example.kz';

interface Fixture {
  id: string;
  recipient: string;
  kind: string;
  status: OutboxStatus;
  createdAt: Date;
  registrationId: string | null;
}

/**
 * Issue 13, item 12: "did Gulnar get it?" after a 5,000-row wave. The rows are written directly;
 * the expected answers are computed from the same list, and the page is read through every page.
 */
describe('outbox search, filters and paging', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  let registrationId: string;
  let signUpEmailId: string;
  let seminarId: string;
  const fixtures: Fixture[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    organizer = await consoleAs(t, 'organizer');
    const seminar = await createSeminar(t);
    // Her sign-up: a registration whose row links to her emails, and one real confirmation email (sent by the worker).
    const registration = await signUp(t, seminar.id, { fullName: 'Гульнар Оспанова', email: GULNAR });
    registrationId = registration.id;
    seminarId = seminar.id;
    signUpEmailId = await eventually(
      async () => (await writeDirectly(t, (manager) => manager.findOneBy(OutboxEmail, { registrationId, status: 'sent' })))?.id,
      { what: 'the sign-up confirmation sent' },
    );

    const outbox = t.app.get(OutboxService);
    const base = Date.parse('2026-11-01T06:00:00Z');
    const far = new Date('2100-01-01T00:00:00Z');
    for (let i = 0; i < WAVE; i++) {
      const gulnar = i === 10 || i === 2500 || i === 4990;
      const recipient = gulnar ? GULNAR : i === 777 ? 'gulnara.k@example.kz' : `person${i}@wave.example.org`;
      const kind = gulnar ? ['invitation', 'confirmation', 'reminder'][[10, 2500, 4990].indexOf(i)] : KINDS[i % KINDS.length];
      const status: OutboxStatus = i === 2500 || i % 97 === 0 ? 'failed' : i % 13 === 0 ? 'queued' : 'sent';
      fixtures.push({ id: randomUUID(), recipient, kind, status, createdAt: new Date(base - i * 60_000), registrationId: gulnar ? registrationId : null });
    }
    for (let i = 0; i < fixtures.length; i += 100) {
      const rows = fixtures.slice(i, i + 100);
      await writeDirectly(t, async (manager) => {
        for (const f of rows) {
          const row = outbox.prepare({ kind: f.kind, recipient: f.recipient, language: 'ru', template: 'invitation', data: {} }, f.createdAt);
          Object.assign(row, {
            id: f.id,
            messageId: `<${f.id}@wave.example.org>`,
            status: f.status,
            nextAttemptAt: far,
            attempts: f.status === 'failed' ? 5 : f.status === 'sent' ? 1 : 0,
            sentAt: f.status === 'sent' ? f.createdAt : null,
            lastError: f.status === 'failed' ? '550 mailbox unavailable' : null,
            registrationId: f.registrationId,
          });
          await manager.insert(OutboxEmail, row);
        }
      });
    }
  }, 120_000);
  afterAll(async () => t?.close());

  /** Every row id the page lists for `query`, following its Older links to the end, and the "Found" count of each page. */
  async function readAll(query: string): Promise<{ ids: string[]; found: number[]; pages: number }> {
    const ids: string[] = [];
    const found: number[] = [];
    let url: string | null = `/admin/outbox?${query}${query ? '&' : ''}lang=en`;
    let pages = 0;
    while (url) {
      const page: { text: string } = await organizer.browser.get(url).expect(200);
      pages++;
      ids.push(...[...page.text.matchAll(/<tr id="email-([\w-]+)">/g)].map((m) => m[1]));
      found.push(Number(/Found: (\d+)/.exec(page.text)![1]));
      const next: string | undefined = /<a class="button button-secondary" href="([^"]+)" rel="next">/.exec(page.text)?.[1];
      url = next ? unescapeHtml(next) : null;
      expect(pages).toBeLessThan(200);
    }
    return { ids, found, pages };
  }

  const newestFirst = (rows: Fixture[]) => [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((f) => f.id);

  it('a whole address answers "did Gulnar get it?": her emails, newest first, with their states', async () => {
    const page = await organizer.browser.get(`/admin/outbox?q=${encodeURIComponent(' Gulnar.Ospanova@example.kz ')}&lang=en`).expect(200);
    const ids = [...page.text.matchAll(/<tr id="email-([\w-]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual([signUpEmailId, ...newestFirst(fixtures.filter((f) => f.recipient === GULNAR))]);
    expect(page.text).toContain('Found: 4');
    const failed = fixtures.find((f) => f.recipient === GULNAR && f.status === 'failed')!;
    const row = new RegExp(`<tr id="email-${failed.id}">[\\s\\S]*?</tr>`).exec(page.text)![0];
    expect(row).toContain('badge-danger');
    expect(row).toContain('550 mailbox unavailable');
    expect(row).toContain(`action="/admin/outbox/${failed.id}/resend"`);
  });

  it('a part of an address finds every address containing it; her registration links to her emails', async () => {
    const part = await readAll('q=GULNAR');
    expect(part.ids).toEqual([signUpEmailId, ...newestFirst(fixtures.filter((f) => f.recipient.includes('gulnar')))]);
    expect(part.found).toEqual([5]);
    const nobody = await readAll(`q=${encodeURIComponent('nobody@example.kz')}`);
    expect(nobody).toEqual({ ids: [], found: [0], pages: 1 });
    const registrations = await organizer.browser.get(`/admin/seminars/${seminarId}/registrations`).expect(200);
    const link = unescapeHtml(/<a href="(\/admin\/outbox\?q[^"]+)">/.exec(registrations.text)![1]);
    expect(link).toBe(`/admin/outbox?q=${encodeURIComponent(GULNAR)}`);
    expect((await readAll(link.split('?')[1])).ids).toEqual([signUpEmailId, ...newestFirst(fixtures.filter((f) => f.recipient === GULNAR))]);
  });

  it('status and kind filters page through exactly the matching rows, keeping the filters in every link', async () => {
    const expected = newestFirst(fixtures.filter((f) => f.status === 'failed' && f.kind === 'invitation'));
    expect(expected.length).toBeGreaterThan(10);
    const failedInvitations = await readAll('status=failed&kind=invitation');
    expect(failedInvitations.ids).toEqual(expected);
    expect(new Set(failedInvitations.found)).toEqual(new Set([expected.length]));

    const queued = fixtures.filter((f) => f.status === 'queued');
    const all = await readAll('status=queued');
    expect(all.ids).toEqual(newestFirst(queued));
    expect(all.pages).toBe(Math.ceil(queued.length / 50));
    expect(new Set(all.ids).size).toBe(all.ids.length);

    // A page in the middle of the whole wave: the newest email (the sign-up) first, then the wave in order.
    const third = await organizer.browser.get('/admin/outbox?page=3&lang=en').expect(200).then((r) => ({ text: unescapeHtml(r.text) }));
    const ids = [...third.text.matchAll(/<tr id="email-([\w-]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(newestFirst(fixtures).slice(99, 149));
    expect(third.text).toContain(`Found: ${WAVE + 1}`);
    expect(third.text).toContain('href="/admin/outbox?page=2" rel="prev"');
    expect(third.text).toContain('href="/admin/outbox?page=4" rel="next"');
    const filtered = await organizer.browser.get('/admin/outbox?q=wave&status=sent&kind=reminder&page=2&lang=en').expect(200).then((r) => ({ text: unescapeHtml(r.text) }));
    expect(filtered.text).toContain('href="/admin/outbox?q=wave&status=sent&kind=reminder&page=3" rel="next"');
    expect(filtered.text).toMatch(/<option value="reminder" selected>Reminder<\/option>/);
    expect(filtered.text).toMatch(/<option value="sent" selected>/);
  });

  it('ignores what it does not know: a made-up kind or status, a silly page', async () => {
    const odd = await organizer.browser.get('/admin/outbox?kind=nonsense&status=lost&page=abc&lang=en').expect(200);
    expect(odd.text).toContain(`Found: ${WAVE + 1}`);
    const beyond = await organizer.browser.get('/admin/outbox?page=9999&lang=en').expect(200);
    expect(beyond.text).not.toContain('<tr id="email-');
    expect(beyond.text).toContain('rel="prev"');
  });
});
