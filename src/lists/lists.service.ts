import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { NotFoundError } from '../common/domain-errors.js';
import { WritePath } from '../database/write-path.js';
import type { Language } from '../i18n/i18n.js';
import { City, entryName, Sector, type ListKind } from './list-entry.entity.js';
import { listKey } from '../common/search-text.js';

export interface EntryInput {
  nameKk: string;
  nameRu: string;
  nameEn: string;
  /** other spellings, as typed (folded here) */
  aliases: string[];
}

/** The filter value of the texts filed under no entry. */
export const OTHER = 'other';

export interface FilterOption {
  /** an entry's id, or `other` */
  value: string;
  name: string;
  selected: boolean;
}

/** One entry as the reports and forms use it. */
export interface ListItem {
  id: string;
  name: string;
  active: boolean;
  unspscSegment: string | null;
}

/**
 * Files free text under a list's entries. Seminars and companies keep the text people typed (the
 * contract's `city` and `sector` stay free text); the reports ask this resolver which entry a text
 * belongs to, so a renamed entry or a newly added spelling applies to every row at once.
 */
export class ListResolver {
  private readonly byKey = new Map<string, City | Sector>();

  constructor(readonly entries: (City | Sector)[]) {
    for (const entry of entries) {
      for (const key of [entry.nameKk, entry.nameRu, entry.nameEn, ...entry.aliases].map(listKey)) if (key && !this.byKey.has(key)) this.byKey.set(key, entry);
    }
  }

  /** The entry a typed text belongs to, or null: "other". */
  resolve(text: string | null | undefined): City | Sector | null {
    return text ? (this.byKey.get(listKey(text)) ?? null) : null;
  }

  /** The entry with this id, or the entry the text names. */
  find(idOrText: string): City | Sector | null {
    return this.entries.find((entry) => entry.id === idOrText) ?? this.resolve(idOrText);
  }
}

const ENTITY = { city: City, sector: Sector } as const;

/** How long an instance reuses the lists for the forms' suggestions (other instances' edits show after this). */
const SUGGESTIONS_TTL_MS = 60_000;

@Injectable()
export class ListsService {
  private suggestionsCache: { at: number; entries: Promise<Record<ListKind, (City | Sector)[]>> } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writePath: WritePath,
    private readonly audit: AuditService,
  ) {}

  /** Every entry of a list, in its order (a few dozen rows: read whole). */
  async entries(kind: ListKind): Promise<(City | Sector)[]> {
    return this.dataSource.getRepository<City | Sector>(ENTITY[kind]).find({ order: { sortOrder: 'ASC', nameRu: 'ASC' } });
  }

  /**
   * The active entries of both lists, for the forms' suggestions (`<datalist>`): read at most once a
   * minute per instance, since every seminar page shows them.
   */
  activeEntries(): Promise<Record<ListKind, (City | Sector)[]>> {
    if (!this.suggestionsCache || Date.now() - this.suggestionsCache.at > SUGGESTIONS_TTL_MS) {
      const entries = Promise.all([this.entries('city'), this.entries('sector')]).then(([city, sector]) => ({ city: city.filter((e) => e.active), sector: sector.filter((e) => e.active) }));
      this.suggestionsCache = { at: Date.now(), entries };
      entries.catch(() => (this.suggestionsCache = null));
    }
    return this.suggestionsCache.entries;
  }

  async resolver(kind: ListKind): Promise<ListResolver> {
    return new ListResolver(await this.entries(kind));
  }

  /** Entries with their names in one language, sorted by that name; inactive ones only when asked. */
  async items(kind: ListKind, language: Language, includeInactive = false): Promise<ListItem[]> {
    const collator = new Intl.Collator(language);
    return (await this.entries(kind))
      .filter((entry) => includeInactive || entry.active)
      .map((entry) => ({ id: entry.id, name: entryName(entry, language), active: entry.active, unspscSegment: entry instanceof Sector ? entry.unspscSegment : null }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }

  /** The texts people typed (seminar cities; company sectors), each once. */
  async typedTexts(kind: ListKind): Promise<string[]> {
    const rows = (await this.dataSource.query(
      kind === 'city' ? "SELECT DISTINCT city AS text FROM seminar WHERE city <> ''" : "SELECT DISTINCT sector AS text FROM company WHERE sector IS NOT NULL AND sector <> ''",
    )) as { text: string }[];
    return rows.map((row) => row.text);
  }

  /**
   * What a report filter's value stands for, as the typed texts to match: an entry (by id, or by a
   * name or spelling) stands for every text filed under it, `other` for the texts filed under none.
   * Null when the value names no entry: the filter then matches that text alone, as before the lists.
   */
  async textsFor(kind: ListKind, value: string): Promise<string[] | null> {
    const [resolver, texts] = await Promise.all([this.resolver(kind), this.typedTexts(kind)]);
    if (value === OTHER) return texts.filter((text) => !resolver.resolve(text));
    const entry = resolver.find(value);
    if (!entry) return null;
    return texts.filter((text) => resolver.resolve(text)?.id === entry.id);
  }

  /**
   * A report's filter list: each entry that some typed text is filed under, by its name in `language`,
   * then "Other" when some text is filed under none. `selected` is the filter's value (an id, a name or `other`).
   */
  async filterOptions(kind: ListKind, language: Language, selected: string | undefined, otherLabel: string): Promise<FilterOption[]> {
    const [resolver, texts] = await Promise.all([this.resolver(kind), this.typedTexts(kind)]);
    const chosen = selected ? (selected === OTHER ? OTHER : (resolver.find(selected)?.id ?? null)) : null;
    const used = new Map<string, FilterOption>();
    let other = false;
    for (const text of texts) {
      const entry = resolver.resolve(text);
      if (!entry) other = true;
      else if (!used.has(entry.id)) used.set(entry.id, { value: entry.id, name: entryName(entry, language), selected: entry.id === chosen });
    }
    const collator = new Intl.Collator(language);
    const options = [...used.values()].sort((a, b) => collator.compare(a.name, b.name));
    if (other) options.push({ value: OTHER, name: otherLabel, selected: chosen === OTHER });
    return options;
  }

  async add(kind: ListKind, input: EntryInput, actor: Actor | null): Promise<City | Sector> {
    return this.writePath.transaction(async (manager) => {
      const repository = manager.getRepository<City | Sector>(ENTITY[kind]);
      const last = await repository.createQueryBuilder('e').select('MAX(e.sort_order)', 'max').getRawOne<{ max: number | string | null }>();
      const entry = repository.create({ id: randomUUID(), ...clean(input), active: true, sortOrder: Number(last?.max ?? 0) + 1 });
      await repository.insert(entry);
      this.suggestionsCache = null;
      await this.audit.record(manager, actor, `${kind}.added`, kind, entry.id, { nameRu: entry.nameRu, nameKk: entry.nameKk, nameEn: entry.nameEn });
      return entry;
    });
  }

  async rename(kind: ListKind, id: string, input: EntryInput, actor: Actor | null): Promise<City | Sector> {
    return this.writePath.transaction(async (manager) => {
      const repository = manager.getRepository<City | Sector>(ENTITY[kind]);
      const entry = await repository.findOneBy({ id });
      if (!entry) throw new NotFoundError(kind);
      const before = { nameKk: entry.nameKk, nameRu: entry.nameRu, nameEn: entry.nameEn, aliases: entry.aliases };
      Object.assign(entry, clean(input));
      await repository.save(entry);
      this.suggestionsCache = null;
      await this.audit.record(manager, actor, `${kind}.renamed`, kind, id, { before, after: clean(input) });
      return entry;
    });
  }

  async setActive(kind: ListKind, id: string, active: boolean, actor: Actor | null): Promise<void> {
    await this.writePath.transaction(async (manager) => {
      const entry = await manager.getRepository<City | Sector>(ENTITY[kind]).findOneBy({ id });
      if (!entry) throw new NotFoundError(kind);
      await manager.update(ENTITY[kind], { id }, { active });
      this.suggestionsCache = null;
      await this.audit.record(manager, actor, active ? `${kind}.enabled` : `${kind}.disabled`, kind, id, { nameRu: entry.nameRu, nameKk: entry.nameKk, nameEn: entry.nameEn });
    });
  }
}

function clean(input: EntryInput): EntryInput {
  const aliases = [...new Set(input.aliases.map(listKey).filter(Boolean))].slice(0, 50);
  return { nameKk: input.nameKk.trim(), nameRu: input.nameRu.trim(), nameEn: input.nameEn.trim(), aliases };
}
