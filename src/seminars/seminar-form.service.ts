import { Injectable } from '@nestjs/common';
import type { Actor } from '../accounts/index.js';
import { DomainError, InvalidInputError } from '../common/domain-errors.js';
import { field, validateForm, type FormErrors as FieldMessages } from '../common/forms.js';
import { COMMON_TIME_ZONES, utcToZonedInput, zonedInputToUtc } from '../common/zoned-time.js';
import { AppConfig, isTimeZone } from '../config/app-config.js';
import { zoneLabel, type Language, type MessageKey } from '../i18n/i18n.js';
import { describeSeminarChanges, type SeminarChangeLine } from './seminar-changes.js';
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

type SeminarFormField = keyof SeminarFormValues | 'form';

/** field → i18n key of the message shown next to it ('form': above the form) */
export type FormErrors = FieldMessages<SeminarFormField>;

export type FormOutcome = { seminar: Seminar; errors?: undefined } | { seminar?: undefined; errors: FormErrors };

const FIELDS: (keyof SeminarFormValues)[] = ['title', 'description', 'startsAt', 'endsAt', 'registrationClosesAt', 'timeZone', 'format', 'city', 'venue', 'onlineUrl', 'language', 'capacity', 'status'];

/** class-validator constraint → message key; the first constraint that failed picks the message. */
const CONSTRAINT_MESSAGES: Record<string, MessageKey> = {
  minLength: 'admin.form.error.required',
  isString: 'admin.form.error.required',
  maxLength: 'admin.form.error.tooLong',
  noControlChars: 'admin.form.error.controlChars',
  isISO8601: 'admin.form.error.date',
  isTimeZone: 'admin.form.error.timeZone',
  isUrl: 'admin.form.error.url',
  isIn: 'admin.form.error.choice',
  isInt: 'admin.form.error.capacity',
  min: 'admin.form.error.capacity',
  max: 'admin.form.error.capacity',
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

  /** Empty form for a new seminar: default zone, the page's language; saved as a draft, published as a step of its own. */
  blank(language: string): SeminarFormValues {
    return {
      ...Object.fromEntries(FIELDS.map((name) => [name, ''])),
      timeZone: this.config.defaultTimeZone,
      language: (SEMINAR_LANGUAGES as readonly string[]).includes(language) ? language : 'ru',
      status: 'draft',
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

  /** A seminar made in the console starts as a draft, whatever the body says: Publish is its own step. */
  async create(values: SeminarFormValues, actor: Actor): Promise<FormOutcome> {
    const form = await this.toInput(CreateSeminarDto, { ...values, status: 'draft' });
    if (form.errors) return { errors: form.errors };
    return this.attempt(() => this.seminars.create(form.value, actor));
  }

  async update(id: string, values: SeminarFormValues, actor: Actor): Promise<FormOutcome> {
    const form = await this.toInput(UpdateSeminarDto, values);
    if (form.errors) return { errors: form.errors };
    return this.attempt(() => this.seminars.update(id, form.value, actor));
  }

  /**
   * What saving `values` would change that registrants are told about (title, time, place, link), in
   * `language`; empty when nothing of that changes or the values do not validate (saving shows why).
   */
  async previewChanges(seminar: Seminar, values: SeminarFormValues, language: Language): Promise<SeminarChangeLine[]> {
    const form = await this.toInput(UpdateSeminarDto, values);
    if (form.errors) return [];
    const dto = form.value;
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

  /** The DTO's own rules, after the times typed on the seminar's wall clock are turned into instants. */
  private async toInput<T extends CreateSeminarDto | UpdateSeminarDto>(dtoClass: new () => T, values: SeminarFormValues) {
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
    const form = await validateForm<T, SeminarFormField>(dtoClass, plain, ({ constraints }) => CONSTRAINT_MESSAGES[constraints[0]] ?? 'admin.form.error.invalid', {
      fieldOf: (path) => (FIELDS.includes(path as keyof SeminarFormValues) ? (path as keyof SeminarFormValues) : 'form'),
      validator: { whitelist: true, forbidNonWhitelisted: true },
    });
    // A time that could not be read says so, rather than what the DTO then thought of the blank.
    const all = { ...form.errors, ...errors };
    return Object.keys(all).length ? { errors: all } : { value: form.value! };
  }

  /** The service's own rules (times in order, no way back to draft) come back as field errors too. */
  private async attempt(work: () => Promise<Seminar>): Promise<FormOutcome> {
    try {
      return { seminar: await work() };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
      if (error.code === 'seminar_has_registrations') return { errors: { status: 'admin.form.error.backToDraft' } };
      if (error.code === 'seminar_cancelled') return { errors: { form: 'admin.form.error.cancelled' } };
      const name = error instanceof InvalidInputError && FIELDS.includes(error.field as keyof SeminarFormValues) ? (error.field as keyof SeminarFormValues) : 'form';
      return { errors: { [name]: name === 'endsAt' ? 'admin.form.error.endsAfterStart' : 'admin.form.error.invalid' } };
    }
  }
}
