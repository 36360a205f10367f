// The public surface of registrations/: other features import only this file (src/feature-boundaries.spec.ts).
export { Registration, REGISTRATION_STATUSES, type RegistrationStatus } from './registration.entity.js';
export { toCompanyView } from './registration.view.js';
export { consoleRegistrationRow, registrationsPath } from './registrations-console.view.js';
export { normalizeDoorInput, normalizeTicketCode } from './ticket-code.js';
export { RegistrationsQueryService } from './registrations-query.service.js';
export { registrationForPage } from './registration-page.js';
export { CONSENT_VERSION, type RegistrationDetails, RegistrationsService } from './registrations.service.js';
export { RegistrationsModule } from './registrations.module.js';
