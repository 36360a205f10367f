// The public surface of openapi/: other features import only this file (src/feature-boundaries.spec.ts).
export { createOpenApiDocument } from './openapi-document.js';
