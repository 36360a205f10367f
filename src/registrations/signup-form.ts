import { validateForm, type FormResult } from '../common/forms.js';
import type { MessageKey } from '../i18n/i18n.js';
import { SignUpDto } from './dto/sign-up.dto.js';

/** The form's fields: flat names (urlencoded forms do not nest), the company's prefixed. */
export const SIGNUP_FIELDS = ['fullName', 'email', 'phone', 'position', 'language', 'companyName', 'bin', 'companyCity', 'companySector'] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number] | 'consent';
/** Every field in the order the form shows it: the error summary follows it. */
export const SIGNUP_FORM_ORDER: readonly SignupField[] = ['fullName', 'email', 'phone', 'position', 'companyName', 'bin', 'companyCity', 'companySector', 'language', 'consent'];
export type SignupValues = Record<(typeof SIGNUP_FIELDS)[number], string> & { consent: boolean };

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
const FIELD_BY_PATH: Partial<Record<string, SignupField>> = {
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

/** The same checks as the JSON API (one DTO), with a message key per form field. */
export async function validateSignupForm(values: SignupValues): Promise<FormResult<SignUpDto, SignupField>> {
  const plain = {
    fullName: values.fullName,
    email: values.email,
    phone: values.phone,
    position: values.position,
    language: values.language || undefined,
    consent: values.consent,
    company: { name: values.companyName, bin: values.bin, city: values.companyCity, sector: values.companySector },
  };
  return validateForm(SignUpDto, plain, ({ field, constraints }) => messageFor(field, constraints, values), { fieldOf: (path) => FIELD_BY_PATH[path] });
}

/** The parameters of a field's message (the length limit that `signup.errors.tooLong` names). */
export function signupMessageParams(field: string): Record<string, unknown> {
  const max = MAX_LENGTH[field as SignupField];
  return max === undefined ? {} : { max };
}

function messageFor(field: SignupField, constraints: string[], values: SignupValues): MessageKey {
  const raw = field === 'consent' ? '' : values[field].trim();
  if (field === 'consent') return 'signup.errors.consent';
  if (raw === '') return 'signup.errors.required';
  if (constraints.includes('maxLength')) return 'signup.errors.tooLong';
  if (constraints.includes('noControlChars')) return 'signup.errors.controlChars';
  if (field === 'bin') return 'signup.errors.bin';
  if (field === 'email') return 'signup.errors.email';
  if (field === 'phone') return 'signup.errors.phone';
  if (field === 'language') return 'signup.errors.language';
  return 'signup.errors.invalid';
}
