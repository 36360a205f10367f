// The public surface of seminars/: other features import only this file (src/feature-boundaries.spec.ts).
export { Seminar, SEMINAR_LANGUAGES, type SeminarFormat, type SeminarLanguage } from './seminar.entity.js';
export { SeminarResponse } from './dto/seminar.response.js';
export { seminarCard } from './seminar-card.js';
export { describeSeminarChanges, type SeminarDetails } from './seminar-changes.js';
export { isRegistrationOpen, registrationClosesAt, registrationState } from './seminar-rules.js';
export { toSeminarView } from './seminar.view.js';
export { consoleSeminarRow, splitByEnd } from './seminars-console.view.js';
export { type SeminarChange, SeminarsService } from './seminars.service.js';
export { SeminarsModule } from './seminars.module.js';
