import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema } from '@nestjs/swagger';

/**
 * OpenAPI pieces shared by every JSON controller: the error body, and one decorator that lists an
 * operation's error answers. docs/openapi.json is generated from these (`npm run openapi`), and
 * test/api-answers.e2e-spec.ts checks real answers against it.
 */

/** Every JSON error (the one exception filter writes it). */
@ApiSchema({ name: 'Error', description: 'Every error answer of the JSON API' })
export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: 'the HTTP reason phrase' })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['company.bin must be a valid 12-digit BIN (the control digit does not match)'],
    description: 'what went wrong, naming the offending field(s); a list when several fields are wrong',
  })
  message: string | string[];

  @ApiPropertyOptional({ example: 'registration_closed', description: 'a stable machine-readable reason, on some 404/409 answers' })
  code?: string;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

const DEFAULT_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'invalid input; `message` names the field(s)',
  401: 'no valid bearer token',
  403: "the account's role may not do this",
  404: 'not found',
  409: 'conflicts with the current state',
  413: 'the request body is too large',
  429: 'too many requests; try again later',
  503: 'the database does not answer; try again (Retry-After)',
};

/**
 * The error answers of an operation, all with the `Error` body. Pass a status alone for the usual
 * meaning, or with the description of when it happens here:
 * `@ApiErrors(400, { 404: 'unknown seminar', 409: 'already registered' })`.
 */
export function ApiErrors(...errors: Array<ErrorStatus | Partial<Record<ErrorStatus, string>>>): MethodDecorator & ClassDecorator {
  const described = new Map<ErrorStatus, string>();
  for (const entry of errors) {
    if (typeof entry === 'number') described.set(entry, DEFAULT_DESCRIPTIONS[entry]);
    else for (const [status, description] of Object.entries(entry)) described.set(Number(status) as ErrorStatus, description!);
  }
  return applyDecorators(...[...described].map(([status, description]) => ApiResponse({ status, description, type: ErrorResponse })));
}
