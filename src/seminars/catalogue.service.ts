import { Injectable } from '@nestjs/common';
import { dateTimeFormat, LOCALE_TAG, toLanguage, type Language } from '../i18n/i18n.js';
import { WritePath } from '../database/write-path.js';
import { AppConfig } from '../config/app-config.js';
import { utcToZonedInput } from '../common/zoned-time.js';
import { SEMINAR_LANGUAGES } from './seminar.entity.js';
import { seminarCard } from './seminar-card.js';
import { entryName, type ListResolver, ListsService } from '../lists/index.js';
import { SeminarsService, type SeminarFilter } from './seminars.service.js';

/**
 * How long a built catalogue page is reused. The catalogue is the busiest public page; building it
 * costs three queries, ~150 formatted dates and a Handlebars render of every card. Within this process
 * every committed write (a seminar saved, a sign-up, a cancellation) drops the cache at once through
 * `WritePath.onCommit`, so seat counts shown here are never older than the last commit. What can lag
 * by up to this long: writes made by another instance of the app on the same PostgreSQL database, and
 * the moment a seminar's registration closes or it ends (the sign-up re-checks both in its transaction).
 */
export const CATALOGUE_CACHE_MS = 1_000;

/** A rendered page, ready to send: the bytes and their ETag. */
export interface RenderedPage {
  body: Buffer;
  etag: string;
}

export type CataloguePage = Awaited<ReturnType<CatalogueService['build']>>;

/**
 * Values that live CATALOGUE_CACHE_MS. The promise is stored, so concurrent requests for the same
 * key share one build; a failed build is forgotten. Keys include free text (city, the URL), so the
 * number of entries is bounded.
 */
class ShortCache<T> {
  private readonly entries = new Map<string, { expires: number; value: Promise<T> }>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, build: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.entries.size >= this.maxEntries) {
      for (const [cachedKey, entry] of this.entries) if (entry.expires <= now) this.entries.delete(cachedKey);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    const entry = { expires: now + CATALOGUE_CACHE_MS, value: build() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The public catalogue's page model: upcoming and past seminars as cards, and the filter choices. */
@Injectable()
export class CatalogueService {
  private readonly pages = new ShortCache<CataloguePage>(200);
  private readonly rendered = new ShortCache<RenderedPage | null>(200);

  constructor(
    private readonly seminars: SeminarsService,
    private readonly lists: ListsService,
    private readonly config: AppConfig,
    writePath: WritePath,
  ) {
    writePath.onCommit(() => {
      this.pages.clear();
      this.rendered.clear();
    });
  }

  page(filter: SeminarFilter, language: string): Promise<CataloguePage> {
    const lang = toLanguage(language);
    return this.pages.get(`${lang}\u0000${filter.city ?? ''}\u0000${filter.language ?? ''}\u0000${filter.month ?? ''}`, () => this.build(filter, lang));
  }

  /**
   * The whole page for one URL in one language, rendered once per CATALOGUE_CACHE_MS. `render`
   * answers null when its result must not be shared (it holds something of one visitor's); then
   * every request renders its own.
   */
  renderedPage(language: string, url: string, render: () => Promise<RenderedPage | null>): Promise<RenderedPage | null> {
    return this.rendered.get(`${language}\u0000${url}`, render);
  }

  private async build(filter: SeminarFilter, lang: Language) {
    const filtered = !!(filter.city || filter.language || filter.month);
    const [cityTexts, resolver] = await Promise.all([this.seminars.distinctCities(), this.lists.resolver('city')]);
    const cities = cityChoices(cityTexts, resolver, lang, filter.city);
    const query = { ...filter, ...cities.filter };
    const [allUpcoming, past] = await Promise.all([this.seminars.listUpcoming(), this.seminars.listPast(query)]);
    // Without a filter the page lists every upcoming seminar: no second query for the month choices.
    const upcoming = filtered ? await this.seminars.listUpcoming(query) : allUpcoming;
    const now = new Date();
    return {
      title: null,
      upcoming: upcoming.map((seminar) => seminarCard(seminar, lang, now)),
      past: past.map((seminar) => seminarCard(seminar, lang, now)),
      filter,
      filtered,
      cities: cities.options,
      languages: SEMINAR_LANGUAGES.map((code) => ({ code, selected: code === filter.language })),
      months: monthOptions(
        allUpcoming.map((seminar) => seminar.startsAt),
        filter.month,
        lang,
        this.config.defaultTimeZone,
      ),
    };
  }
}


/**
 * The city filter of the catalogue, by the managed city list (src/lists): one choice per entry that a
 * published seminar's city is filed under, labelled in the page's language ("Almaty" and "Алматы" are
 * one choice) with the English name as its value, so a link means the same in every language; each
 * city filed under none is offered as typed. A chosen entry (by any of its names or spellings, so old
 * links keep working) matches every spelling filed under it; a text under no entry matches itself
 * alone, as before the lists.
 */
function cityChoices(texts: string[], resolver: ListResolver, lang: Language, chosen: string | undefined): { options: { value: string; name: string; selected: boolean }[]; filter: SeminarFilter } {
  const entry = chosen ? resolver.resolve(chosen) : null;
  const choices = new Map<string, { value: string; name: string; selected: boolean }>();
  for (const text of texts) {
    const filed = resolver.resolve(text);
    const value = filed ? filed.nameEn : text;
    if (!choices.has(value)) choices.set(value, { value, name: filed ? entryName(filed, lang) : text, selected: filed ? filed.id === entry?.id : !entry && text === chosen });
  }
  const collator = new Intl.Collator(lang);
  const options = [...choices.values()].sort((a, b) => collator.compare(a.name, b.name));
  const filter: SeminarFilter = entry ? { city: undefined, cities: texts.filter((text) => resolver.resolve(text)?.id === entry.id) } : {};
  return { options, filter };
}

/**
 * The months that have upcoming seminars (plus the one asked for), so the month filter never offers
 * an empty choice. Months are counted in DEFAULT_TIMEZONE, as the service filters by them.
 */
function monthOptions(starts: Date[], selected: string | undefined, lang: Language, timeZone: string): { value: string; label: string; selected: boolean }[] {
  const values = new Set(starts.map((date) => utcToZonedInput(date, timeZone).slice(0, 7)));
  if (selected) values.add(selected);
  const format = dateTimeFormat(LOCALE_TAG[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return [...values].sort().map((value) => {
    const [year, month] = value.split('-').map(Number);
    const label = format.format(new Date(Date.UTC(year, month - 1, 1)));
    return { value, label: label.charAt(0).toLocaleUpperCase(lang) + label.slice(1), selected: value === selected };
  });
}
