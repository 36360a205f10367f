import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { searchText } from '../common/search-text.js';
import { Company, CompanyName } from './company.entity.js';

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
 * row, on SQLite and on PostgreSQL alike, so rows are made with insert-or-ignore and then read back:
 * no "select, then insert" window, and no unique violation that would abort a PostgreSQL transaction.
 */
@Injectable()
export class CompaniesService {
  /** The company with this BIN, created if new. Keeps the first name; records a different later spelling. */
  async findOrCreate(manager: EntityManager, input: CompanyInput): Promise<Company> {
    const name = input.name.trim();
    await manager
      .createQueryBuilder()
      .insert()
      .into(Company)
      .values({ id: randomUUID(), bin: input.bin, name, searchText: searchText(name), city: input.city || null, sector: input.sector || null, unspscCodes: [], ungmNumber: null })
      .orIgnore()
      .execute();
    const company = await manager.findOneByOrFail(Company, { bin: input.bin });

    if (company.name !== name) {
      await manager.createQueryBuilder().insert().into(CompanyName).values({ id: randomUUID(), companyId: company.id, name }).orIgnore().execute();
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
