// The public surface of audit/: other features import only this file (src/feature-boundaries.spec.ts).
export { describeAuditEvent } from './audit-sentence.js';
export { AuditService } from './audit.service.js';
export { AuditModule } from './audit.module.js';
