// The public surface of health/: other features import only this file (src/feature-boundaries.spec.ts).
export { HealthController } from './health.controller.js';
