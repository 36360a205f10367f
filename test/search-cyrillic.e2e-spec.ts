import { WritePath } from '../src/database/write-path.js';
import { backfillSearchText } from '../src/database/migrations/1765600000000-search-text.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';
import { consoleAs, csrfFrom } from './support/console-session.js';
import { createSeminar, signUp as signUpWith, validBin } from './support/factories.js';
/** Signs up in Russian, as this spec was written for. */
const signUp = (t: Parameters<typeof signUpWith>[0], seminarId: string, person: Record<string, unknown>) => signUpWith(t, seminarId, { language: 'ru', ...person });

/**
 * SQLite's LOWER()/LIKE fold ASCII only, so a Cyrillic or Kazakh name once matched nothing. The same
 * spec runs on PostgreSQL (TEST_DATABASE_URL), where LIKE is case-sensitive.
 */
describe('Searching registrants in Cyrillic and Kazakh', () => {
  let t: TestApp;
  let seminarId: string;
  const ids: Record<string, string> = {};
  const bins = { sapa: validBin(), steppe: validBin() };

  beforeAll(async () => {
    t = await startTestApp();
    seminarId = (await createSeminar(t)).id;
    ids.aigerim = (await signUp(t, seminarId, { fullName: 'Айгерим Сейтқали', email: 'aigerim@example.kz', company: { name: 'ТОО «Сапа Құрылыс»', bin: bins.sapa } })).id;
    ids.john = (await signUp(t, seminarId, { fullName: 'John Smith', email: 'john@example.org', company: { name: 'Steppe Supplies LLP', bin: bins.steppe } })).id;
    ids.oraz = (await signUp(t, seminarId, { fullName: 'ӘСЕЛ ОРАЗБЕКҚЫЗЫ', email: 'asel@example.kz', company: { name: 'Steppe Supplies LLP', bin: bins.steppe } })).id;
  });
  afterAll(async () => t?.close());

  const apiSearch = async (q: string) =>
    (await t.http.get(`/api/seminars/${seminarId}/registrations?q=${encodeURIComponent(q)}`).set(bearer(t.adminToken)).expect(200)).body
      .map((r: { id: string }) => r.id)
      .sort();

  it.each([['Айгерим'], ['Сейтқали'], ['сейтқали'], ['СЕЙТҚАЛИ'], ['ТОО'], ['тоо сапа'], ['құрылыс'], ['Айгерим Сейтқали']])('finds Айгерим Сейтқали of ТОО «Сапа Құрылыс» by "%s"', async (q) => {
    expect(await apiSearch(q)).toEqual([ids.aigerim]);
  });

  it('folds every Kazakh capital letter, and still finds Latin names, emails and BINs', async () => {
    expect(await apiSearch('әсел оразбекқызы')).toEqual([ids.oraz]);
    expect(await apiSearch('JOHN')).toEqual([ids.john]);
    expect(await apiSearch('steppe')).toEqual([ids.john, ids.oraz].sort());
    expect(await apiSearch('AIGERIM@EXAMPLE')).toEqual([ids.aigerim]);
    expect(await apiSearch(bins.sapa)).toEqual([ids.aigerim]);
    expect(await apiSearch('Сейтказы')).toEqual([]);
  });

  it('the console registrations page finds her too', async () => {
    const organizer = await consoleAs(t, 'organizer');
    const page = await organizer.browser.get(`/admin/seminars/${seminarId}/registrations?q=${encodeURIComponent('сейтқали')}`).expect(200);
    expect(page.text).toContain('Айгерим Сейтқали');
    expect(page.text).not.toContain('John Smith');
  });

  it('the door finds her by name and checks her in without a ticket', async () => {
    const door = await consoleAs(t, 'checkin');
    const found = await door.browser.get(`/admin/check-in/${seminarId}?q=${encodeURIComponent('айгерим')}`).expect(200);
    expect(found.text).toContain('Нет билета? Найти по имени');
    expect(found.text).toContain('Айгерим Сейтқали');
    expect(found.text).not.toContain('John Smith');
    expect(found.text).toContain(`value="${ids.aigerim}"`);
    const checkedIn = await door.browser.post(`/admin/check-in/${seminarId}`).type('form').send({ _csrf: csrfFrom(found.text), registrationId: ids.aigerim }).expect(200);
    expect(checkedIn.text).toMatch(/door-ok/);
    const list = await t.http.get(`/api/seminars/${seminarId}/registrations?q=${encodeURIComponent('Айгерим')}`).set(bearer(t.adminToken)).expect(200);
    expect(list.body[0].checkedInAt).not.toBeNull();
    // Found again, she shows as checked in, with no second button.
    const again = await door.browser.get(`/admin/check-in/${seminarId}?q=${encodeURIComponent('ТОО')}`).expect(200);
    expect(again.text).toContain('Айгерим Сейтқали');
    expect(again.text).not.toContain(`value="${ids.aigerim}"`);
    const none = await door.browser.get(`/admin/check-in/${seminarId}?q=${encodeURIComponent('Нұрлан')}`).expect(200);
    expect(none.text).toContain('Нұрлан');
    expect(none.text).not.toContain('door-match');
  });

  it('the migration fills the column for rows written before it', async () => {
    const writePath = t.app.get(WritePath);
    await writePath.transaction(async (manager) => {
      await manager.query("UPDATE registration SET search_text = ''");
      await manager.query("UPDATE company SET search_text = ''");
    });
    expect(await apiSearch('Айгерим')).toEqual([]);
    await writePath.transaction((manager) => backfillSearchText(manager.queryRunner!));
    expect(await apiSearch('Айгерим')).toEqual([ids.aigerim]);
    expect(await apiSearch('тоо')).toEqual([ids.aigerim]);
  });
});
