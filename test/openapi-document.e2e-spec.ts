import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/app-config.js';
import { buildOpenApiJson, OPENAPI_FILE } from '../src/openapi/openapi-document.js';

type Operation = { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };

/** docs/openapi.json is the app's document as it is now, valid, and every operation documents its answers. */
describe('docs/openapi.json', () => {
  let generated: string;
  const committed = readFileSync(join(PROJECT_ROOT, OPENAPI_FILE), 'utf8');
  const operations = (json: string) =>
    Object.entries(JSON.parse(json).paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));

  beforeAll(async () => {
    generated = await buildOpenApiJson();
  });

  it('is what the code generates (run `npm run openapi` and commit docs/openapi.json when this fails)', () => {
    if (committed === generated) return;
    const before = new Map(operations(committed).map(({ name, operation }) => [name, JSON.stringify(operation)]));
    const after = new Map(operations(generated).map(({ name, operation }) => [name, JSON.stringify(operation)]));
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));
    throw new Error(`docs/openapi.json is stale: run \`npm run openapi\` and commit it. Operations that differ: ${changed.join(', ') || 'none (schemas or info differ)'}`);
  });

  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(JSON.parse(generated))).resolves.toBeDefined();
  });

  it('gives every operation a success answer and the error shape for its errors; guarded ones list 401 and 403', () => {
    const problems: string[] = [];
    for (const { name, operation } of operations(generated)) {
      const statuses = Object.keys(operation.responses);
      if (!statuses.some((status) => /^2\d\d$/.test(status))) problems.push(`${name}: no success answer`);
      for (const status of statuses) {
        const content = operation.responses[status].content ?? {};
        if (/^2\d\d$/.test(status) && status !== '204' && Object.keys(content).length === 0) problems.push(`${name} ${status}: no content (use @ApiOkResponse({ type }) and friends)`);
        if (/^2\d\d$/.test(status) && content['application/json'] && !content['application/json'].schema) problems.push(`${name} ${status}: JSON without a schema`);
        if (/^[45]\d\d$/.test(status) && content['application/json']?.schema?.$ref !== '#/components/schemas/Error') problems.push(`${name} ${status}: not the Error shape (use @ApiErrors)`);
      }
      if ((operation.security ?? []).length > 0 && !(statuses.includes('401') && statuses.includes('403'))) problems.push(`${name}: guarded but 401/403 not listed`);
    }
    expect(problems).toEqual([]);
  });
});
