// The public surface of console/: other features import only this file (src/feature-boundaries.spec.ts).
export { ConsoleModule } from './console.module.js';
