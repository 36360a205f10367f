import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { randomInt, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { WritePath } from '../database/write-path.js';
import { formatDateTime, isLanguage, type Language } from '../i18n/i18n.js';
import { Registration, RegistrationsService, type RegistrationDetails } from '../registrations/index.js';
import { Certificate } from './certificate.entity.js';
import { renderCertificatePdf, type CertificateContent } from './certificate-pdf.js';

/** No 0/O, 1/I/L: people type these codes from paper. 10 characters of 31: about 49 bits. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
export const CERTIFICATE_CODE = /^[A-Z2-9]{10}$/;

export class CertificateNotAvailableError extends ConflictError {
  constructor() {
    super('certificate_not_available', 'registration: a certificate exists only for someone checked in at a seminar that has ended');
  }
}

function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

const LOCALE: Record<Language, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };

/** Length in hours, to the half hour, written the reader's way ("3,5" in ru/kk, "3.5" in en). */
export function hoursText(startsAt: Date, endsAt: Date, language: Language): string {
  const hours = Math.max(0.5, Math.round(((endsAt.getTime() - startsAt.getTime()) / 3_600_000) * 2) / 2);
  return new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: 1 }).format(hours);
}

function dateOnly(date: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

/** The public verification page: what the PDF says, and when it was issued. */
export type CertificateView = Omit<CertificateContent, 'language' | 'verifyUrl'> & { issuedAt: string };

/** Certificates of attendance: issued once per registration (a stored verification code), rendered on demand. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly writePath: WritePath,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  isAvailable({ registration, seminar }: Pick<RegistrationDetails, 'registration' | 'seminar'>, now = new Date()): boolean {
    return !!registration.checkedInAt && seminar.endsAt <= now && seminar.status !== 'cancelled' && !registration.erasedAt;
  }

  verifyUrl(code: string): string {
    return `${this.config.publicUrl}/certificates/${code}`;
  }

  async pdfForToken(token: string, now = new Date()): Promise<{ pdf: Buffer; code: string }> {
    const details = await this.registrations.findByToken(token);
    if (!this.isAvailable(details, now)) throw new CertificateNotAvailableError();
    const certificate = await this.issue(details.registration);
    const language: Language = isLanguage(certificate.language) ? certificate.language : 'ru';
    const view = this.view(details, certificate, language);
    const pdf = await renderCertificatePdf({ ...view, language, verifyUrl: this.verifyUrl(certificate.code) });
    return { pdf, code: certificate.code };
  }

  /** The public verification page's data; 404 for an unknown code. */
  async findByCode(code: string, language: Language): Promise<CertificateView> {
    const normalized = typeof code === 'string' ? code.trim().toUpperCase() : '';
    if (!CERTIFICATE_CODE.test(normalized)) throw new NotFoundError('certificate');
    const certificate = await this.dataSource.getRepository(Certificate).findOneBy({ code: normalized });
    if (!certificate) throw new NotFoundError('certificate');
    const registration = await this.dataSource.getRepository(Registration).findOne({
      where: { id: certificate.registrationId },
      relations: { seminar: true, company: true },
    });
    if (!registration?.seminar || !registration.company || registration.erasedAt) throw new NotFoundError('certificate');
    const view = this.view({ registration, seminar: registration.seminar, company: registration.company }, certificate, language);
    // The page speaks the reader's language, the default organizer name included (the PDF keeps ORGANIZER_NAME as it is).
    return { ...view, organizerName: this.config.organizerNameIn(language) };
  }

  /** The registration's certificate, made at the first request; two requests at once still make one. */
  private async issue(registration: Registration): Promise<Certificate> {
    const existing = await this.dataSource.getRepository(Certificate).findOneBy({ registrationId: registration.id });
    if (existing) return existing;
    return this.writePath.transaction(async (manager) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(Certificate)
          .values({ id: randomUUID(), registrationId: registration.id, code: newCode(), language: registration.language, issuedAt: new Date() })
          .orIgnore()
          .execute();
        const stored = await manager.findOneBy(Certificate, { registrationId: registration.id });
        if (stored) return stored;
        // The code collided with another certificate's (the insert was ignored): draw again.
      }
      throw new Error('could not draw a unique certificate code');
    });
  }

  private view({ registration, seminar, company }: RegistrationDetails, certificate: Certificate, language: Language): CertificateView {
    return {
      code: certificate.code,
      fullName: registration.fullName,
      companyName: company.name,
      seminarTitle: seminar.title,
      date: dateOnly(seminar.startsAt, seminar.timeZone, language),
      city: seminar.city,
      hours: hoursText(seminar.startsAt, seminar.endsAt, language),
      issuedAt: formatDateTime(certificate.issuedAt, seminar.timeZone, language, true),
      organizerName: this.config.organizerName,
    };
  }
}
