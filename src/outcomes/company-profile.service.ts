import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FollowUpAnswer } from './follow-up-answer.entity.js';
import type { Actor } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { NotFoundError } from '../common/domain-errors.js';
import { CompaniesService, type CompanyProfile, Company } from '../companies/index.js';
import { WritePath } from '../database/write-path.js';
import { RegistrationsService } from '../registrations/index.js';

/** A company's UNGM profile (UNSPSC codes, UNGM number), edited by whoever holds one of its manage links, or by an organizer. */
@Injectable()
export class CompanyProfileService {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly companies: CompaniesService,
    private readonly writePath: WritePath,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  findByBin(bin: string): Promise<Company | null> {
    return typeof bin === 'string' && /^\d{12}$/.test(bin) ? this.dataSource.getRepository(Company).findOneBy({ bin }) : Promise.resolve(null);
  }

  latestAnswer(companyId: string): Promise<FollowUpAnswer | null> {
    return this.dataSource.getRepository(FollowUpAnswer).findOne({ where: { companyId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async updateByToken(token: string, profile: CompanyProfile): Promise<Company> {
    const { company } = await this.registrations.findByToken(token);
    return this.writePath.transaction((manager) => this.companies.updateProfile(manager, company.id, profile));
  }

  async updateByOrganizer(companyId: string, profile: CompanyProfile, actor: Actor): Promise<Company> {
    return this.writePath.transaction(async (manager) => {
      const company = await manager.findOneBy(Company, { id: companyId });
      if (!company) throw new NotFoundError('company');
      const updated = await this.companies.updateProfile(manager, company.id, profile);
      await this.audit.record(manager, actor, 'company.profile', 'company', company.id, { ...profile });
      return updated;
    });
  }
}
