import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { listKey } from '../../common/search-text.js';
import { segmentsView } from '../../companies/index.js';
import { timestampType } from '../columns.js';

/** Kazakhstan's three cities of republic significance, the regional centres and a few large towns: [kk, ru, en, other spellings]. */
export const SEEDED_CITIES: Array<[string, string, string, string[]]> = [
  ['Астана', 'Астана', 'Astana', ['Нур-Султан', 'Nur-Sultan', 'Акмола', 'Ақмола', 'Целиноград']],
  ['Алматы', 'Алматы', 'Almaty', ['Алма-Ата', 'Alma-Ata', 'Almaty city']],
  ['Шымкент', 'Шымкент', 'Shymkent', ['Чимкент', 'Chimkent']],
  ['Қарағанды', 'Караганда', 'Karaganda', ['Караганды', 'Karagandy', 'Qaragandy']],
  ['Ақтөбе', 'Актобе', 'Aktobe', ['Актюбинск', 'Aqtobe']],
  ['Тараз', 'Тараз', 'Taraz', ['Жамбыл', 'Джамбул']],
  ['Павлодар', 'Павлодар', 'Pavlodar', []],
  ['Өскемен', 'Усть-Каменогорск', 'Oskemen', ['Ust-Kamenogorsk', 'Оскемен', 'Ust Kamenogorsk']],
  ['Семей', 'Семей', 'Semey', ['Семипалатинск', 'Semipalatinsk']],
  ['Атырау', 'Атырау', 'Atyrau', ['Гурьев']],
  ['Қостанай', 'Костанай', 'Kostanay', ['Qostanay', 'Кустанай']],
  ['Қызылорда', 'Кызылорда', 'Kyzylorda', ['Qyzylorda']],
  ['Орал', 'Уральск', 'Oral', ['Uralsk', 'Орал қаласы']],
  ['Петропавл', 'Петропавловск', 'Petropavl', ['Petropavlovsk']],
  ['Ақтау', 'Актау', 'Aktau', ['Aqtau', 'Шевченко']],
  ['Түркістан', 'Туркестан', 'Turkistan', ['Turkestan']],
  ['Көкшетау', 'Кокшетау', 'Kokshetau', ['Kokchetav', 'Кокчетав']],
  ['Талдықорған', 'Талдыкорган', 'Taldykorgan', ['Taldyqorgan']],
  ['Қонаев', 'Конаев', 'Konaev', ['Капчагай', 'Kapchagay', 'Qonaev']],
  ['Жезқазған', 'Жезказган', 'Zhezkazgan', ['Jezkazgan']],
  ['Екібастұз', 'Экибастуз', 'Ekibastuz', []],
];

/**
 * Sectors people typed before the list existed, filed under their UNSPSC segment (src/companies/unspsc-data.ts, read through the companies index).
 * Anything else stays as typed and counts as "other".
 */
export const SECTOR_SPELLINGS: Record<string, string[]> = {
  '43': ['IT', 'ИТ', 'ІТ', 'ИТ и связь', 'IT и связь', 'IT and telecom', 'Information technology', 'Информационные технологии', 'Ақпараттық технологиялар', 'Телеком', 'Связь', 'Telecommunications'],
  '72': ['Construction', 'Строительство', 'Құрылыс', 'Стройка'],
  '50': ['Food', 'Продукты питания', 'Питание', 'Азық-түлік', 'Тамақ өнімдері', 'Food products'],
  '78': ['Logistics', 'Логистика', 'Транспорт', 'Transport', 'Көлік', 'Перевозки'],
  '80': ['Consulting', 'Консалтинг', 'Кеңес беру'],
  '81': ['Engineering', 'Инжиниринг'],
  '42': ['Medical equipment', 'Медицинское оборудование', 'Медицина', 'Медициналық жабдықтар'],
  '85': ['Healthcare', 'Здравоохранение', 'Денсаулық сақтау'],
  '86': ['Education', 'Образование', 'Білім беру', 'Training', 'Обучение'],
  '84': ['Finance', 'Финансы', 'Қаржы', 'Insurance', 'Страхование'],
  '15': ['Fuel', 'Топливо', 'ГСМ', 'Нефтепродукты', 'Жанармай'],
  '46': ['Security', 'Безопасность', 'Охрана', 'Қауіпсіздік'],
  '53': ['Textile', 'Текстиль', 'Одежда', 'Apparel', 'Тоқыма'],
  '56': ['Furniture', 'Мебель', 'Жиһаз'],
  '44': ['Office supplies', 'Канцтовары', 'Кеңсе тауарлары'],
  '25': ['Vehicles', 'Автомобили', 'Автокөлік'],
  '90': ['Hospitality', 'Гостиничные услуги', 'Catering', 'Кейтеринг', 'Туризм', 'Tourism'],
  '70': ['Agriculture', 'Сельское хозяйство', 'Ауыл шаруашылығы', 'Агро'],
};

/**
 * Cities and sectors become managed lists with names in kk, ru and en (src/lists/). Seminars and
 * companies keep the text people typed; the reports file it under an entry by its names and other
 * spellings. Sectors are the UNSPSC segments; each city a seminar was already held in is on the list
 * (under its own spelling when it is none of the seeded ones), so no seminar falls into "other".
 */
export class ManagedLists1765720000000 implements MigrationInterface {
  name = 'ManagedLists1765720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const columns = (extra: TableColumnOptions[]): TableColumnOptions[] => [
      { name: 'id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'name_kk', type: 'varchar', length: '200' },
      { name: 'name_ru', type: 'varchar', length: '200' },
      { name: 'name_en', type: 'varchar', length: '200' },
      { name: 'aliases', type: 'text', default: "'[]'" },
      { name: 'active', type: 'boolean', default: true },
      { name: 'sort_order', type: 'integer', default: 0 },
      ...extra,
      { name: 'created_at', type: timestampType(queryRunner.connection.options.type), default: 'CURRENT_TIMESTAMP' },
    ];
    await queryRunner.createTable(new Table({ name: 'city', columns: columns([]) }));
    await queryRunner.createTable(new Table({ name: 'sector', columns: columns([{ name: 'unspsc_segment', type: 'varchar', length: '2', isNullable: true, isUnique: true }]) }));


    for (const [index, [kk, ru, en, other]] of SEEDED_CITIES.entries()) {
      await insertEntry(queryRunner, 'city', [randomUUID(), kk, ru, en, aliases(other), index]);
    }
    await addTypedCities(queryRunner, SEEDED_CITIES.length);
    for (const [index, segment] of segmentsView().entries()) {
      await insertEntry(queryRunner, 'sector', [randomUUID(), segment.title.kk, segment.title.ru, segment.title.en, aliases(SECTOR_SPELLINGS[segment.code] ?? []), index, segment.code]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sector');
    await queryRunner.dropTable('city');
  }
}

const aliases = (spellings: string[]) => JSON.stringify([...new Set(spellings.map(listKey))]);

async function insertEntry(queryRunner: QueryRunner, table: 'city' | 'sector', row: unknown[]): Promise<void> {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const names = ['id', 'name_kk', 'name_ru', 'name_en', 'aliases', 'sort_order', ...(table === 'sector' ? ['unspsc_segment'] : [])];
  const placeholders = names.map((_, index) => (postgres ? `$${index + 1}` : '?')).join(', ');
  await queryRunner.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders})`, row);
}

/**
 * Puts each city that a seminar names, and that no entry names or spells, on the list under its own
 * spelling (the same in the three languages until an organizer renames it). Exported for its test.
 */
export async function addTypedCities(queryRunner: QueryRunner, firstSortOrder: number): Promise<void> {
  const entries = (await queryRunner.query('SELECT name_kk, name_ru, name_en, aliases FROM city')) as { name_kk: string; name_ru: string; name_en: string; aliases: string }[];
  const known = new Set(entries.flatMap((entry) => [entry.name_kk, entry.name_ru, entry.name_en, ...(JSON.parse(entry.aliases) as string[])].map(listKey)));
  const typed = (await queryRunner.query("SELECT DISTINCT city FROM seminar WHERE city <> '' ORDER BY city")) as { city: string }[];
  let order = firstSortOrder;
  for (const { city } of typed) {
    const key = listKey(city);
    if (!key || known.has(key)) continue;
    known.add(key);
    const name = city.trim().slice(0, 200);
    await insertEntry(queryRunner, 'city', [randomUUID(), name, name, name, '[]', order++]);
  }
}
