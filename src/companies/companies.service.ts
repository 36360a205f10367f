import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { searchText } from '../common/search-text.js';
import { runSql, sqlTimestamp } from '../database/rows.js';
import { Company } from './company.entity.js';

interface CompanyRow {
  id: string;
  name: string;
  city: string | null;
  sector: string | null;
}

const SELECT_COMPANY = 'SELECT id, name, city, sector FROM company WHERE bin = ?';
const INSERT_COMPANY =
  "INSERT INTO company (id, bin, name, search_text, city, sector, unspsc_codes, ungm_number, created_at) VALUES (?, ?, ?, ?, ?, ?, '[]', NULL, ?) ON CONFLICT (bin) DO NOTHING RETURNING id, name, city, sector";

export interface CompanyProfile {
  unspscCodes?: string[];
  ungmNumber?: string | null;
}

export interface CompanyInput {
  /** 12 digits, already validated */
  bin: string;
  name: string;
  city?: string | null;
  sector?: string | null;
}

/**
 * Companies are keyed by BIN. Two sign-ups with the same BIN at the same moment must end with one
 * row, on SQLite and on PostgreSQL alike, so a new row is made with insert-or-ignore and read back
 * when another transaction made it first: no unique violation that would abort a PostgreSQL transaction.
 */
@Injectable()
export class CompaniesService {
  /**
   * The company with this BIN, created if new. Keeps the first name; records a different later spelling.
   * Plain SQL (it runs in every sign-up): read first, so a known company costs one indexed SELECT;
   * a new one is inserted with ON CONFLICT DO NOTHING and read again if another transaction won.
   */
  async findOrCreate(manager: EntityManager, input: CompanyInput): Promise<Company> {
    const name = input.name.trim();
    let row = (await runSql<CompanyRow>(manager, SELECT_COMPANY, [input.bin])).rows[0];
    if (!row) {
      const values = [randomUUID(), input.bin, name, searchText(name), input.city || null, input.sector || null, sqlTimestamp(manager, new Date())];
      row = (await runSql<CompanyRow>(manager, INSERT_COMPANY, values)).rows[0] ?? (await runSql<CompanyRow>(manager, SELECT_COMPANY, [input.bin])).rows[0];
    }
    if (!row) throw new Error(`company ${input.bin} neither inserted nor found`);
    const company = Object.assign(new Company(), { id: row.id, bin: input.bin, name: row.name, city: row.city, sector: row.sector });

    if (company.name !== name) {
      await runSql(manager, 'INSERT INTO company_name (id, company_id, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        randomUUID(),
        company.id,
        name,
        sqlTimestamp(manager, new Date()),
      ]);
    }
    // City and sector are optional: a later sign-up may fill in what the first one left out.
    const missing: Partial<Pick<Company, 'city' | 'sector'>> = {};
    if (!company.city && input.city) missing.city = input.city;
    if (!company.sector && input.sector) missing.sector = input.sector;
    if (Object.keys(missing).length > 0) {
      await manager.update(Company, { id: company.id }, missing);
      Object.assign(company, missing);
    }
    return company;
  }

  /** Replaces what is given of the company's UNGM profile (codes already validated and de-duplicated). */
  async updateProfile(manager: EntityManager, companyId: string, profile: CompanyProfile): Promise<Company> {
    const changes: Partial<Pick<Company, 'unspscCodes' | 'ungmNumber'>> = {};
    if (profile.unspscCodes !== undefined) changes.unspscCodes = [...profile.unspscCodes];
    if (profile.ungmNumber !== undefined) changes.ungmNumber = profile.ungmNumber;
    if (Object.keys(changes).length > 0) await manager.update(Company, { id: companyId }, changes);
    return manager.findOneByOrFail(Company, { id: companyId });
  }
}
