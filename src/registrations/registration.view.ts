import type { Company } from '../companies/index.js';
import { type Seminar, toSeminarView } from '../seminars/index.js';
import type { Registration } from './registration.entity.js';

export interface CompanyView {
  name: string;
  bin: string;
  city: string | null;
  sector: string | null;
  unspscCodes: string[];
  ungmNumber: string | null;
}

export function toCompanyView(company: Company): CompanyView {
  return { name: company.name, bin: company.bin, city: company.city, sector: company.sector, unspscCodes: company.unspscCodes ?? [], ungmNumber: company.ungmNumber ?? null };
}

/** A registration as its holder sees it: the base of `toOwnRegistrationView`. */
function toRegistrantView(registration: Registration, company: Company) {
  return {
    id: registration.id,
    status: registration.status,
    waitlistPosition: registration.waitlistPosition,
    fullName: registration.fullName,
    email: registration.email,
    phone: registration.phone,
    position: registration.position,
    language: registration.language,
    company: toCompanyView(company),
    ticketCode: registration.ticketCode,
    createdAt: registration.createdAt.toISOString(),
    cancelledAt: registration.cancelledAt?.toISOString() ?? null,
    checkedInAt: registration.checkedInAt?.toISOString() ?? null,
  };
}

/** What the holder of the manage link sees (`GET /api/registrations/:token`): the same, plus the seminar. */
export function toOwnRegistrationView(registration: Registration, company: Company, seminar: Seminar) {
  return { ...toRegistrantView(registration, company), seminar: toSeminarView(seminar) };
}
