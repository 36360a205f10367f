import { AuditService } from '../src/audit/audit.service.js';
import { formatDateTime, translate } from '../src/i18n/i18n.js';
import { createSeminar, signUp, validBin } from './support/factories.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';
import { consoleAs } from './support/console-session.js';

/** Handlebars writes = as &#x3D; and & as &amp; in attributes. */
const unescapeHtml = (text: string) => text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
const ru = (key: string, params: Record<string, unknown> = {}) => translate('ru', key as never, params);

/** Issue 13: the audit log in sentences (item 12) and the registrations table's pages and sorting (item 8). */
describe('console tables', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof consoleAs>>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await consoleAs(t, 'admin');
  });
  afterAll(async () => t?.close());

  /** The audit rows of one record, as the page shows them: [action, text]. */
  async function auditRows(entityId: string, lang = 'ru'): Promise<[string, string][]> {
    const page = await admin.browser.get(`/admin/audit?lang=${lang}`).expect(200);
    return [...page.text.matchAll(/<tr data-action="([^"]+)" data-entity="([^"]+)">([\s\S]*?)<\/tr>/g)]
      .filter((match) => match[2] === entityId)
      .map((match) => [match[1], match[3].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()]);
  }

  it('tells a seminar change as a sentence with old -> new, on the seminar\'s own clock, marked when it is not Almaty', async () => {
    const seminar = await createSeminar(t, { title: 'Moscow partners day', timeZone: 'Europe/Moscow', capacity: 30 });
    const startsAt = new Date(new Date(seminar.startsAt as string).getTime() + 3_600_000).toISOString();
    const endsAt = new Date(new Date(seminar.endsAt as string).getTime() + 3_600_000).toISOString();
    await t.http.patch(`/api/seminars/${seminar.id}`).set(bearer(t.adminToken)).send({ startsAt, endsAt, capacity: 45 }).expect(200);
    const rows = await auditRows(seminar.id);
    expect(rows.map(([action]) => action)).toEqual(['seminar.updated', 'seminar.created']);
    const [, text] = rows[0];
    expect(text).toContain(ru('auditLog.action.seminar.updated', { title: 'Moscow partners day' }));
    const old = formatDateTime(new Date(seminar.startsAt as string), 'Europe/Moscow', 'ru');
    const now = formatDateTime(new Date(startsAt), 'Europe/Moscow', 'ru');
    expect(text).toContain(`${ru('auditLog.field.startsAt')}: ${old} → ${now}`);
    expect(text).toContain(`${ru('auditLog.field.capacity')}: 30 → 45`);
    expect(text).toContain('(UTC+3)');
    expect(text).not.toContain('"capacity"');
    expect(rows[1][1]).toContain(ru('auditLog.action.seminar.created', { title: 'Moscow partners day' }));
  });

  it('tells a role change old -> new in the reader\'s language, an old record by its new value, an unknown action by its code', async () => {
    const person = await consoleAs(t, 'organizer', 'role.change@example.org');
    await admin.browser.post(`/admin/accounts/${person.id}/role`).type('form').send({ _csrf: admin.csrf, role: 'checkin' }).expect(303);
    const [[action, text]] = (await auditRows(person.id, 'kk')).filter(([name]) => name !== 'account.created');
    expect(action).toBe('account.role-changed');
    expect(text).toContain(translate('kk', 'auditLog.action.account.role-changed', { email: 'role.change@example.org' }));
    expect(text).toContain(`${translate('kk', 'auditLog.field.role')}: ${translate('kk', 'admin.roles.organizer')} → ${translate('kk', 'admin.roles.checkin')}`);

    const seminar = await createSeminar(t, { title: 'Legacy record' });
    const audit = t.app.get(AuditService);
    await writeDirectly(t, (manager) => audit.record(manager, null, 'seminar.updated', 'seminar', seminar.id, { capacity: 70 }));
    await writeDirectly(t, (manager) => audit.record(manager, null, 'something.new', 'seminar', seminar.id));
    const rows = await auditRows(seminar.id);
    expect(rows[0]).toEqual(['something.new', expect.stringContaining('something.new')]);
    expect(rows[1][1]).toContain(`${ru('auditLog.field.capacity')}: 70`);
    expect(rows[1][1]).not.toContain('→');
    expect(rows[1][1]).toContain(ru('admin.audit.system'));
  });

  it('pages and sorts the registrations on the server; every link keeps the search, the filter and the order', async () => {
    const seminar = await createSeminar(t, { capacity: 60 });
    for (let i = 0; i < 62; i++) {
      await signUp(t, seminar.id, { fullName: `Участник ${String(i).padStart(2, '0')}`, email: `reg${i}@tables.kz`, company: { name: `ТОО Компания ${i % 3}`, bin: validBin() } });
    }
    const base = `/admin/seminars/${seminar.id}/registrations`;
    const names = (html: string) => [...html.matchAll(/<td class="adm-person">\s*<strong>([^<]+)<\/strong>/g)].map((m) => m[1]);

    const first = unescapeHtml((await admin.browser.get(`${base}?lang=ru`).expect(200)).text);
    expect(names(first)).toHaveLength(50);
    expect(names(first)[0]).toBe('Участник 00');
    expect(first).toContain(ru('registrationTable.found', { count: 62 }));
    expect(first).toContain(`href="${base}?page=2" rel="next"`);
    expect(first).toMatch(/<th scope="col" aria-sort="ascending"><a href="[^"]+sort=createdAt&dir=desc">/);

    const confirmedByNameDesc = `${base}?q=${encodeURIComponent('тоо')}&status=confirmed&sort=name&dir=desc`;
    const sorted = unescapeHtml((await admin.browser.get(`${confirmedByNameDesc}&lang=ru`).expect(200)).text);
    // 60 confirmed, 2 on the waitlist: the waitlisted are filtered out; names from the end.
    expect(sorted).toContain(ru('registrationTable.found', { count: 60 }));
    expect(names(sorted).slice(0, 3)).toEqual(['Участник 59', 'Участник 58', 'Участник 57']);
    expect(sorted).toMatch(/<th scope="col" aria-sort="descending"><a href="[^"]+q=%D1%82%D0%BE%D0%BE&status=confirmed&sort=name&dir=asc">/);
    expect(sorted).toContain(`href="${confirmedByNameDesc}&page=2" rel="next"`);
    // The search form carries the order, so a new search keeps it.
    expect(sorted).toContain('<input type="hidden" name="sort" value="name"><input type="hidden" name="dir" value="desc">');
    const second = unescapeHtml((await admin.browser.get(`${confirmedByNameDesc}&page=2`).expect(200)).text);
    expect(names(second)).toEqual(Array.from({ length: 10 }, (_, i) => `Участник ${String(9 - i).padStart(2, '0')}`));

    const byCompany = unescapeHtml((await admin.browser.get(`${base}?sort=company&dir=asc`).expect(200)).text);
    expect(names(byCompany).slice(0, 3)).toEqual(['Участник 00', 'Участник 03', 'Участник 06']);
    const odd = await admin.browser.get(`${base}?sort=password&dir=sideways&page=x`).expect(200);
    expect(names(odd.text)[0]).toBe('Участник 00');

    // One row action, the rest in a menu: a real cell, with a <details> menu that works without scripts.
    const row = /<tr id="registration-[\w-]+">[\s\S]*?<\/tr>/.exec(first)![0];
    expect(row).toMatch(/<td class="adm-row-actions">\s*<div>/);
    expect(row.match(/<button /g)).toHaveLength(1);
    expect(row).toContain('<details class="adm-menu">');
    expect(row).toContain(`href="/admin/outbox?q=${encodeURIComponent('reg0@tables.kz')}"`);
    expect(row).toMatch(/<small class="adm-bin">/);
  });
});
