import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { Actor } from '../accounts/accounts.service.js';
import { DomainError } from '../common/domain-errors.js';
import { AppConfig, isTimeZone } from '../config/app-config.js';
import { zoneLabel, type Language } from '../i18n/i18n.js';
import { describeSeminarChanges, type SeminarChangeLine } from './seminar-changes.js';
import { COMMON_TIME_ZONES, utcToZonedInput, zonedInputToUtc } from '../common/zoned-time.js';
import { field } from '../console/console-page.js';
import { CreateSeminarDto, UpdateSeminarDto } from './dto/seminar.dto.js';
import { SEMINAR_LANGUAGES, type Seminar } from './seminar.entity.js';
import { SeminarsService } from './seminars.service.js';

/** The seminar form as typed: every value a string, times on the seminar's own wall clock. */
export interface SeminarFormValues {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  registrationClosesAt: string;
  timeZone: string;
  format: string;
  city: string;
  venue: string;
  onlineUrl: string;
  language: string;
  capacity: string;
  status: string;
}

/** field → i18n key of the message shown next to it */
export type FormErrors = Partial<Record<keyof SeminarFormValues | 'form', string>>;

export type FormOutcome = { seminar: Seminar; errors?: undefined } | { seminar?: undefined; errors: FormErrors };

const FIELDS: (keyof SeminarFormValues)[] = ['title', 'description', 'startsAt', 'endsAt', 'registrationClosesAt', 'timeZone', 'format', 'city', 'venue', 'onlineUrl', 'language', 'capacity', 'status'];

/** class-validator constraint → message key; the first constraint that failed picks the message. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  minLength: 'required',
  isString: 'required',
  maxLength: 'tooLong',
  noControlChars: 'controlChars',
  isISO8601: 'date',
  isTimeZone: 'timeZone',
  isUrl: 'url',
  isIn: 'choice',
  isInt: 'capacity',
  min: 'capacity',
  max: 'capacity',
};

/**
 * The console's seminar form: turns typed values into the API's DTOs, validates them with the
 * DTOs' own rules (no second copy), and reports problems per field for the page.
 */
@Injectable()
export class SeminarFormService {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly config: AppConfig,
  ) {}

  /** Empty form for a new seminar: default zone, the page's language, published like the API's default. */
  blank(language: string): SeminarFormValues {
    return {
      ...Object.fromEntries(FIELDS.map((name) => [name, ''])),
      timeZone: this.config.defaultTimeZone,
      language: (SEMINAR_LANGUAGES as readonly string[]).includes(language) ? language : 'ru',
      status: 'published',
      format: 'in_person',
    } as SeminarFormValues;
  }

  fromSeminar(seminar: Seminar): SeminarFormValues {
    const zone = seminar.timeZone;
    return {
      title: seminar.title,
      description: seminar.description,
      startsAt: utcToZonedInput(seminar.startsAt, zone),
      endsAt: utcToZonedInput(seminar.endsAt, zone),
      registrationClosesAt: seminar.registrationClosesAt ? utcToZonedInput(seminar.registrationClosesAt, zone) : '',
      timeZone: zone,
      format: seminar.format,
      city: seminar.city,
      venue: seminar.venue ?? '',
      onlineUrl: seminar.onlineUrl ?? '',
      language: seminar.language,
      capacity: String(seminar.capacity),
      status: seminar.status,
    };
  }

  fromBody(body: unknown): SeminarFormValues {
    return Object.fromEntries(FIELDS.map((name) => [name, field(body, name, name === 'description' ? 6000 : 600)])) as unknown as SeminarFormValues;
  }

  async create(values: SeminarFormValues, actor: Actor): Promise<FormOutcome> {
    const { input, errors } = await this.toInput(CreateSeminarDto, values);
    if (errors) return { errors };
    return this.attempt(() => this.seminars.create(input as CreateSeminarDto, actor));
  }

  async update(id: string, values: SeminarFormValues, actor: Actor): Promise<FormOutcome> {
    const { input, errors } = await this.toInput(UpdateSeminarDto, values);
    if (errors) return { errors };
    return this.attempt(() => this.seminars.update(id, input as UpdateSeminarDto, actor));
  }

  /**
   * What saving `values` would change that registrants are told about (title, time, place, link), in
   * `language`; empty when nothing of that changes or the values do not validate (saving shows why).
   */
  async previewChanges(seminar: Seminar, values: SeminarFormValues, language: Language): Promise<SeminarChangeLine[]> {
    const { input, errors } = await this.toInput(UpdateSeminarDto, values);
    if (errors || !input) return [];
    const dto = input as UpdateSeminarDto;
    return describeSeminarChanges(
      seminar,
      {
        title: dto.title?.trim() ?? seminar.title,
        startsAt: dto.startsAt ? new Date(dto.startsAt) : seminar.startsAt,
        endsAt: dto.endsAt ? new Date(dto.endsAt) : seminar.endsAt,
        timeZone: dto.timeZone ?? seminar.timeZone,
        format: dto.format ?? seminar.format,
        city: dto.city !== undefined ? (dto.city?.trim() ?? '') : seminar.city,
        venue: dto.venue !== undefined ? dto.venue?.trim() || null : seminar.venue,
        onlineUrl: dto.onlineUrl !== undefined ? dto.onlineUrl || null : seminar.onlineUrl,
      },
      language,
    );
  }

  /** Options for the zone select: the common zones, plus the seminar's own if it is another one. */
  zoneOptions(selected: string, now = new Date()) {
    const zones: string[] = [...COMMON_TIME_ZONES];
    if (selected && !zones.includes(selected) && isTimeZone(selected)) zones.unshift(selected);
    return zones.map((zone) => ({ value: zone, label: zoneLabel(now, zone), selected: zone === selected }));
  }

  private async toInput(dtoClass: typeof CreateSeminarDto | typeof UpdateSeminarDto, values: SeminarFormValues) {
    const errors: FormErrors = {};
    const zoneValid = isTimeZone(values.timeZone);
    const zone = zoneValid ? values.timeZone : 'UTC';
    const instant = (name: 'startsAt' | 'endsAt' | 'registrationClosesAt', optional: boolean): string | null | undefined => {
      if (optional && values[name].trim() === '') return null;
      const date = zonedInputToUtc(values[name], zone);
      if (!date) {
        errors[name] = 'admin.form.error.date';
        return undefined;
      }
      return date.toISOString();
    };
    const plain = {
      title: values.title.trim(),
      description: values.description.replace(/\r\n/g, '\n'),
      startsAt: instant('startsAt', false),
      endsAt: instant('endsAt', false),
      registrationClosesAt: instant('registrationClosesAt', true),
      timeZone: values.timeZone,
      format: values.format || 'in_person',
      // An online seminar may leave the city empty; an in-person one may not (the DTO says so).
      city: values.format === 'online' && !values.city.trim() ? undefined : values.city.trim(),
      venue: values.venue.trim() || null,
      onlineUrl: values.onlineUrl.trim() || null,
      language: values.language,
      capacity: /^\d{1,9}$/.test(values.capacity.trim()) ? Number(values.capacity.trim()) : values.capacity,
      status: values.status,
    };
    if (errors.startsAt === undefined && errors.endsAt === undefined && plain.startsAt && plain.endsAt && plain.endsAt <= plain.startsAt) {
      errors.endsAt = 'admin.form.error.endsAfterStart';
    }
    const dto = plainToInstance(dtoClass, plain);
    for (const error of await validate(dto, { whitelist: true, forbidNonWhitelisted: true })) addValidationError(errors, error);
    return Object.keys(errors).length ? { errors } : { input: dto };
  }

  /** The service's own rules (times in order, no way back to draft) come back as field errors too. */
  private async attempt(work: () => Promise<Seminar>): Promise<FormOutcome> {
    try {
      return { seminar: await work() };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
      const name = error.message.split(':')[0] as keyof SeminarFormValues;
      const key =
        error.code === 'seminar_has_registrations' ? 'backToDraft' : error.code === 'seminar_cancelled' ? 'cancelled' : name === 'endsAt' ? 'endsAfterStart' : 'invalid';
      return { errors: { [FIELDS.includes(name) ? name : 'form']: `admin.form.error.${key}` } };
    }
  }
}

function addValidationError(errors: FormErrors, error: ValidationError): void {
  const name = error.property as keyof SeminarFormValues;
  if (errors[name]) return;
  const constraint = Object.keys(error.constraints ?? {})[0];
  errors[FIELDS.includes(name) ? name : 'form'] = `admin.form.error.${CONSTRAINT_MESSAGES[constraint] ?? 'invalid'}`;
}
