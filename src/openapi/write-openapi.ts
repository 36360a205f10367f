import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/app-config.js';
import { buildOpenApiJson, OPENAPI_FILE } from './openapi-document.js';

/** `npm run openapi`: writes docs/openapi.json from the controllers (no database, no port). */
const json = await buildOpenApiJson();
writeFileSync(join(PROJECT_ROOT, OPENAPI_FILE), json);
process.stdout.write(`wrote ${OPENAPI_FILE}: ${Object.keys(JSON.parse(json).paths).length} paths\n`);
