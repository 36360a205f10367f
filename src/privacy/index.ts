// The public surface of privacy/: other features import only this file (src/feature-boundaries.spec.ts).
export { PrivacyModule } from './privacy.module.js';
