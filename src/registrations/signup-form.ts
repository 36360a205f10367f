import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { MessageKey } from '../i18n/i18n.js';
import { SignUpDto } from './dto/sign-up.dto.js';

/** The form's fields: flat names (urlencoded forms do not nest), the company's prefixed. */
export const SIGNUP_FIELDS = ['fullName', 'email', 'phone', 'position', 'language', 'companyName', 'bin', 'companyCity', 'companySector'] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number] | 'consent';
/** Every field in the order the form shows it: the error summary follows it. */
export const SIGNUP_FORM_ORDER: readonly SignupField[] = ['fullName', 'email', 'phone', 'position', 'companyName', 'bin', 'companyCity', 'companySector', 'language', 'consent'];
export type SignupValues = Record<(typeof SIGNUP_FIELDS)[number], string> & { consent: boolean };

/** An i18n key with its parameters, translated by the page. */
export interface FieldError {
  key: MessageKey;
  params?: Record<string, unknown>;
}

const MAX_LENGTH: Partial<Record<SignupField, number>> = {
  fullName: 200,
  email: 254,
  phone: 40,
  position: 200,
  companyName: 200,
  companyCity: 100,
  companySector: 100,
};

/** DTO property path → form field. */
const FIELD_BY_PATH: Record<string, SignupField> = {
  fullName: 'fullName',
  email: 'email',
  phone: 'phone',
  position: 'position',
  language: 'language',
  consent: 'consent',
  company: 'companyName',
  'company.name': 'companyName',
  'company.bin': 'bin',
  'company.city': 'companyCity',
  'company.sector': 'companySector',
};

/** What the visitor typed, as strings (anything else, e.g. a repeated field, counts as empty). */
export function readSignupForm(body: unknown): SignupValues {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values = {} as SignupValues;
  for (const field of SIGNUP_FIELDS) {
    const value = source[field];
    values[field] = typeof value === 'string' ? value : '';
  }
  values.consent = ['yes', 'on', 'true'].includes(String(source.consent ?? ''));
  return values;
}

/** The same checks as the JSON API (one DTO), with errors per form field. */
export async function validateSignupForm(values: SignupValues): Promise<{ input: SignUpDto | null; errors: Partial<Record<SignupField, FieldError>> }> {
  const plain = {
    fullName: values.fullName,
    email: values.email,
    phone: values.phone,
    position: values.position,
    language: values.language || undefined,
    consent: values.consent,
    company: { name: values.companyName, bin: values.bin, city: values.companyCity, sector: values.companySector },
  };
  const input = plainToInstance(SignUpDto, plain);
  const errors: Partial<Record<SignupField, FieldError>> = {};
  const visit = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const path = prefix + error.property;
      if (error.children?.length) visit(error.children, `${path}.`);
      const field = FIELD_BY_PATH[path];
      if (!field || !error.constraints || errors[field]) continue;
      errors[field] = describe(field, Object.keys(error.constraints), values);
    }
  };
  visit(await validate(input), '');
  return { input: Object.keys(errors).length ? null : input, errors };
}

function describe(field: SignupField, constraints: string[], values: SignupValues): FieldError {
  const raw = field === 'consent' ? '' : values[field].trim();
  if (field === 'consent') return { key: 'signup.errors.consent' };
  if (raw === '') return { key: 'signup.errors.required' };
  if (constraints.includes('maxLength')) return { key: 'signup.errors.tooLong', params: { max: MAX_LENGTH[field] } };
  if (constraints.includes('noControlChars')) return { key: 'signup.errors.controlChars' };
  if (field === 'bin') return { key: 'signup.errors.bin' };
  if (field === 'email') return { key: 'signup.errors.email' };
  if (field === 'phone') return { key: 'signup.errors.phone' };
  if (field === 'language') return { key: 'signup.errors.language' };
  return { key: 'signup.errors.invalid' };
}
