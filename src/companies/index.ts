// The public surface of companies/: other features import only this file (src/feature-boundaries.spec.ts).
export { Company } from './company.entity.js';
export { isValidBin, normalizeBin } from './bin.js';
export { CompanyProfileDto, MAX_UNSPSC_CODES, normalizeUnspscCodes } from './dto/company-profile.dto.js';
export { CompanyDto } from './dto/company.dto.js';
export { CompanyResponse } from './dto/company.response.js';
export { isKnownUnspscCode, isKnownUnspscSegment } from './unspsc-data.js';
export { describeCodes, searchUnspsc, segmentsView } from './unspsc.js';
export { CompaniesService, type CompanyProfile } from './companies.service.js';
export { CompaniesModule } from './companies.module.js';
