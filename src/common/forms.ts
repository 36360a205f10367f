import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { MessageKey } from '../i18n/i18n.js';

/** For each form field with a problem, the key of the message shown next to it. */
export type FormErrors<F extends string = string> = Partial<Record<F, MessageKey>>;

export type FormResult<T, F extends string> = { value: T; errors?: undefined } | { value?: undefined; errors: FormErrors<F> };

/** A field that failed, with the class-validator constraints it failed (`maxLength`, `isEmail`, …). */
export interface FormProblem<F extends string> {
  field: F;
  constraints: string[];
}

export interface FormOptions<F extends string> {
  /** The form field that shows a DTO path ("company.bin" → "bin"); undefined: no message (the form is still refused). By default the path itself. */
  fieldOf?: (path: string) => F | undefined;
  validator?: ValidatorOptions;
}

/**
 * The one way a page's form gets in: the API's own DTO validates it (the same rules, no second
 * copy). The answer is the DTO instance, or for each form field the message key of its first
 * problem, picked by `messageFor`. No error message is ever parsed.
 */
export async function validateForm<T extends object, F extends string = string>(
  dto: new () => T,
  plain: object,
  messageFor: (problem: FormProblem<F>) => MessageKey,
  options: FormOptions<F> = {},
): Promise<FormResult<T, F>> {
  const value = plainToInstance(dto, plain);
  const fieldOf = options.fieldOf ?? ((path: string) => path as F);
  const errors: FormErrors<F> = {};
  const visit = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const path = prefix + error.property;
      if (error.children?.length) visit(error.children, `${path}.`);
      const field = fieldOf(path);
      if (field === undefined || !error.constraints || errors[field]) continue;
      errors[field] = messageFor({ field, constraints: Object.keys(error.constraints) });
    }
  };
  const problems = await validate(value, options.validator);
  visit(problems, '');
  // Invalid input never gets through, even when no field of the form shows its problem.
  return problems.length ? { errors } : { value };
}

/** First value of a form field, as a string of at most `max` characters (longer input is cut so validation reports it). */
export function field(body: unknown, name: string, max = 10_000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, max) : '';
}
