import { DataSource } from 'typeorm';
import { translate } from '../src/i18n/i18n.js';
import { addTypedCities } from '../src/database/migrations/1765720000000-managed-lists.js';
import { City, Sector } from '../src/lists/list-entry.entity.js';
import { Seminar } from '../src/seminars/seminar.entity.js';
import { createSeminar, signUp, validBin } from './support/factories.js';
import { consoleAs, csrfFrom } from './support/console-session.js';
import { bearer, startTestApp, writeDirectly, type TestApp } from './support/test-app.js';

/**
 * City and sector as managed lists (item 9 of issue 13): free text keeps coming in through the API as
 * before, and the reports file it under the list's entries, so "IT" and "ИТ и связь" are one sector.
 * Runs on PostgreSQL too (TEST_DATABASE_URL).
 */
describe('managed lists of cities and sectors', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof consoleAs>>;
  const bins = { it: validBin(), ict: validBin(), knit: validBin(), none: validBin() };
  const seminars: Record<'latin' | 'cyrillic' | 'baikonur', string> = {} as never;

  const report = async (query: string) =>
    (await t.http.get(`/api/reports/attendance-by-company${query}`).set(bearer(t.adminToken)).expect(200)).body.map((row: { company: { bin: string } }) => row.company.bin).sort();
  const sectorId = async (segment: string) => (await t.app.get(DataSource).getRepository(Sector).findOneByOrFail({ unspscSegment: segment })).id;
  const cityId = async (nameEn: string) => (await t.app.get(DataSource).getRepository(City).findOneByOrFail({ nameEn })).id;

  beforeAll(async () => {
    t = await startTestApp();
    organizer = await consoleAs(t, 'organizer');
    // The contract's free text still goes in as it is: any city, any sector.
    seminars.latin = (await createSeminar(t, { city: 'Almaty' })).id;
    seminars.cyrillic = (await createSeminar(t, { city: 'алма-ата' })).id;
    seminars.baikonur = (await createSeminar(t, { city: 'Байқоңыр' })).id;
    await signUp(t, seminars.latin, { company: { name: 'Alpha Soft', bin: bins.it, sector: 'IT' } });
    await signUp(t, seminars.cyrillic, { company: { name: 'Бета Связь', bin: bins.ict, sector: 'ИТ и связь' } });
    await signUp(t, seminars.baikonur, { company: { name: 'Knit & Co', bin: bins.knit, sector: 'Вязание' } });
    await signUp(t, seminars.baikonur, { company: { name: 'Nobody Knows', bin: bins.none } });
  });
  afterAll(async () => t?.close());

  it('seeds the cities in kk/ru/en and the sectors from the UNSPSC segments', async () => {
    const cities = await organizer.browser.get('/admin/lists/cities?lang=kk').expect(200);
    expect(cities.text).toContain('<h1>Қалалар</h1>');
    expect(cities.text).toMatch(/<th scope="row" lang="kk">Өскемен<\/th>\s*<td lang="ru">Усть-Каменогорск<\/td>\s*<td lang="en">Oskemen<\/td>/);
    const sectors = await organizer.browser.get('/admin/lists/sectors?lang=en').expect(200);
    expect(sectors.text).toMatch(/<td>43<\/td>\s*<th scope="row" lang="kk">Ақпараттық технологиялар[^<]*<\/th>\s*<td lang="ru">Информационные технологии, вещание и телекоммуникации<\/td>\s*<td lang="en">Information Technology Broadcasting and Telecommunications<\/td>/);
    expect(await t.app.get(DataSource).getRepository(Sector).count()).toBe((await t.http.get('/api/unspsc/segments').expect(200)).body.length);
  });

  it('keeps the API as it was: the typed city and sector come back as typed', async () => {
    const seminar = (await t.http.get(`/api/seminars/${seminars.cyrillic}`).expect(200)).body;
    expect(seminar.city).toBe('алма-ата');
    const rows = (await t.http.get(`/api/seminars/${seminars.baikonur}/registrations`).set(bearer(t.adminToken)).expect(200)).body;
    expect(rows.map((row: { company: { sector: string | null } }) => row.company.sector).sort()).toEqual([null, 'Вязание'].sort());
  });

  it('files "IT" and "ИТ и связь" under one sector, "Almaty" and "алма-ата" under one city, in the API and the console', async () => {
    const ict = await sectorId('43');
    expect(await report(`?sector=${ict}`)).toEqual([bins.it, bins.ict].sort());
    // Any spelling of the entry filters the same way; an unknown text matches itself only, as before.
    expect(await report('?sector=it')).toEqual([bins.it, bins.ict].sort());
    expect(await report(`?sector=${encodeURIComponent('Вязание')}`)).toEqual([bins.knit]);
    expect(await report('?sector=other')).toEqual([bins.knit]);
    expect(await report(`?city=${await cityId('Almaty')}`)).toEqual([bins.it, bins.ict].sort());
    expect(await report(`?city=${encodeURIComponent('Алматы')}`)).toEqual([bins.it, bins.ict].sort());

    const page = await organizer.browser.get(`/admin/reports?lang=ru&sector=${ict}`).expect(200);
    const sectorOptions = [...page.text.split('id="rpt-sector"')[1].split('</select>')[0].matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((match) => [match[3], !!match[2]]);
    expect(sectorOptions).toEqual([
      ['Все', false],
      ['Информационные технологии, вещание и телекоммуникации', true],
      ['Другое', false],
    ]);
    const cityOptions = [...page.text.split('id="rpt-city"')[1].split('</select>')[0].matchAll(/<option value="[^"]*"[^>]*>([^<]*)<\/option>/g)].map((match) => match[1]);
    expect(cityOptions).toEqual(['Все', 'Алматы', 'Другое']);
    expect(page.text).toContain('<th scope="row">Alpha Soft</th>');
    expect(page.text).toContain('<th scope="row">Бета Связь</th>');
    expect(page.text).not.toContain('<th scope="row">Knit &amp; Co</th>');

    const outcomes = await t.http.get(`/api/reports/ungm-outcomes?sector=${encodeURIComponent('ИТ и связь')}`).set(bearer(t.adminToken)).expect(200);
    expect(outcomes.body.totals.attendedCompanies).toBe(0);
  });

  it('groups the seminar summary by sector entry, with free text under "Other"', async () => {
    const page = await organizer.browser.get(`/admin/seminars/${seminars.baikonur}/summary?lang=en`).expect(200);
    expect(page.text).toContain('<th scope="row">Other</th>');
    expect(page.text).toContain('<th scope="row">Not given</th>');
    expect(page.text).not.toContain('<th scope="row">Вязание</th>');
  });

  it('lets an organizer add an entry with other spellings, rename it and disable it; the reports follow at once', async () => {
    const page = await organizer.browser.get('/admin/lists/sectors?lang=en').expect(200);
    const csrf = csrfFrom(page.text);
    const refused = await organizer.browser.post('/admin/lists/sectors').type('form').send({ _csrf: csrf, nameKk: '', nameRu: 'Рукоделие', nameEn: 'Handicrafts', aliases: '' }).expect(400);
    expect(refused.text).toContain('aria-invalid="true" aria-describedby="list-nameKk-error"');
    expect(refused.text).toContain('value="Рукоделие"');
    await organizer.browser.post('/admin/lists/sectors').type('form').send({ _csrf: csrf, nameKk: 'Қолөнер', nameRu: 'Рукоделие', nameEn: 'Handicrafts', aliases: 'вязание; knitting' }).expect(303);
    const handicrafts = await t.app.get(DataSource).getRepository(Sector).findOneByOrFail({ nameEn: 'Handicrafts' });
    expect(handicrafts.unspscSegment).toBeNull();
    expect(handicrafts.aliases).toEqual(['вязание', 'knitting']);
    expect(await report(`?sector=${handicrafts.id}`)).toEqual([bins.knit]);
    expect(await report('?sector=other')).toEqual([]);

    await organizer.browser.post(`/admin/lists/sectors/${handicrafts.id}`).type('form').send({ _csrf: csrf, nameKk: 'Қолөнер', nameRu: 'Ремёсла', nameEn: 'Crafts', aliases: 'вязание' }).expect(303);
    const renamed = await organizer.browser.get('/admin/reports?lang=ru').expect(200);
    expect(renamed.text).toContain('>Ремёсла</option>');
    await organizer.browser.post(`/admin/lists/sectors/${handicrafts.id}/disable`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await t.app.get(DataSource).getRepository(Sector).findOneByOrFail({ id: handicrafts.id })).active).toBe(false);
    const listed = await organizer.browser.get('/admin/lists/sectors?lang=en').expect(200);
    expect(listed.text).toContain(`action="/admin/lists/sectors/${handicrafts.id}/enable"`);
    const audit = await t.app.get(DataSource).query("SELECT action FROM audit_event WHERE entity_type = 'sector' ORDER BY created_at");
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['sector.added', 'sector.renamed', 'sector.disabled']);
    // The audit log tells them as sentences (Handlebars writes quotes as &quot;) with the entry's name in the reader's language.
    const log = (await organizer.browser.get('/admin/audit?lang=kk').expect(200)).text;
    for (const [key, params] of [
      ['auditLog.action.sector.added', { entry: 'Қолөнер' }],
      ['auditLog.action.sector.renamed', { before: 'Қолөнер', entry: 'Қолөнер' }],
      ['auditLog.action.sector.disabled', { entry: 'Қолөнер' }],
    ] as const) {
      expect(log).toContain(htmlText(translate('kk', key, params)));
    }
    const logEn = (await organizer.browser.get('/admin/audit?lang=en').expect(200)).text;
    expect(logEn).toContain(htmlText(translate('en', 'auditLog.action.sector.renamed', { before: 'Handicrafts', entry: 'Crafts' })));

    await organizer.browser.get('/admin/lists/nonsense').expect(404);
    const door = await consoleAs(t, 'checkin');
    await door.browser.get('/admin/lists/cities').set('Accept', 'text/html').expect(403);
  });

  it('the public catalogue offers one city choice per entry, named in the page language, and the choice finds every spelling', async () => {
    // [value, label, selected]: the value is the entry's English name, the label the page language's.
    const cityOptions = (html: string) =>
      [...html.split('id="filter-city"')[1].split('</select>')[0].matchAll(/<option value="([^"]*)"( selected)?>([^<]*)</g)].filter((match) => match[1]).map((match) => [match[1], match[3], !!match[2]]);
    const ru = (await t.http.get('/?lang=ru').expect(200)).text;
    const labels = cityOptions(ru).map(([, label]) => label);
    expect(labels.filter((label) => label === 'Алматы')).toHaveLength(1);
    expect(labels).not.toContain('Almaty');
    expect(labels).not.toContain('алма-ата');
    expect(cityOptions(ru)).toContainEqual(['Almaty', 'Алматы', false]);

    const chosen = (await t.http.get(`/?lang=ru&city=${encodeURIComponent('Алматы')}`).expect(200)).text;
    expect(chosen).toContain(`/seminars/${seminars.latin}`);
    expect(chosen).toContain(`/seminars/${seminars.cyrillic}`);
    expect(chosen).not.toContain(`/seminars/${seminars.baikonur}`);
    expect(cityOptions(chosen)).toContainEqual(['Almaty', 'Алматы', true]);
    // A link from before the lists, with a spelling as typed, finds the same seminars; the choice shows in English.
    const old = (await t.http.get('/?lang=en&city=alma-ata').expect(200)).text;
    expect(old).toContain(`/seminars/${seminars.latin}`);
    expect(old).toContain(`/seminars/${seminars.cyrillic}`);
    expect(cityOptions(old)).toContainEqual(['Almaty', 'Almaty', true]);
    // The API keeps each seminar's city as typed.
    const api = (await t.http.get('/api/seminars').expect(200)).body as { id: string; city: string }[];
    expect(api.find((seminar) => seminar.id === seminars.cyrillic)?.city).toBe('алма-ата');
  });

  it('suggests the entries on the sign-up form, the invitation page and the seminar form, in the page language; free text still goes in', async () => {
    const options = (html: string, id: string) => [...html.split(`<datalist id="${id}">`)[1].split('</datalist>')[0].matchAll(/<option value="([^"]+)">/g)].map((match) => match[1]);
    const kk = await t.http.get(`/seminars/${seminars.latin}?lang=kk`).set('Accept', 'text/html').expect(200);
    expect(kk.text).toMatch(/id="signup-companyCity"[^>]* list="signup-city-list"/);
    expect(options(kk.text, 'signup-city-list')).toContain('Өскемен');
    expect(options(kk.text, 'signup-sector-list')).toContain('Ақпараттық технологиялар, хабар тарату және телекоммуникациялар');
    const ru = await t.http.get(`/seminars/${seminars.latin}?lang=ru`).set('Accept', 'text/html').expect(200);
    expect(options(ru.text, 'signup-city-list')).toContain('Усть-Каменогорск');
    const form = await organizer.browser.get('/admin/seminars/new?lang=en').expect(200);
    expect(form.text).toMatch(/id="sf-city"[^>]* list="sf-city-list"/);
    expect(options(form.text, 'sf-city-list')).toContain('Oskemen');
    const created = await t.http.post(`/api/seminars/${seminars.baikonur}/registrations`).send({ fullName: 'Free Text', email: 'free@example.kz', consent: true, company: { name: 'Free', bin: validBin(), city: 'Аксу', sector: 'Ремонт обуви' } }).expect(201);
    expect(created.body.status).toBe('confirmed');
  });

  it('the migration puts every city a seminar already names on the list, under its own spelling when it is not a known one', async () => {
    await writeDirectly(t, (manager) => manager.update(Seminar, { id: seminars.latin }, { city: 'Нур-Султан' }));
    const before = await t.app.get(DataSource).getRepository(City).count();
    await writeDirectly(t, (manager) => addTypedCities(manager.queryRunner!, 100));
    const cities = await t.app.get(DataSource).getRepository(City).find();
    expect(cities.length).toBe(before + 1);
    expect(cities.find((city) => city.nameRu === 'Байқоңыр')).toMatchObject({ nameKk: 'Байқоңыр', nameEn: 'Байқоңыр', active: true });
    expect(await report(`?city=${encodeURIComponent('Нур-Султан')}`)).toEqual([bins.it]);
    expect(await report(`?city=${await cityId('Astana')}`)).toEqual([bins.it]);
  });
});

function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
