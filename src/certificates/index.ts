// The public surface of certificates/: other features import only this file (src/feature-boundaries.spec.ts).
export { Certificate } from './certificate.entity.js';
export { CertificatesModule } from './certificates.module.js';
