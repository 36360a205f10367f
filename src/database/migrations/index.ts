import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { OutboxInlineImages1764000400000 } from './1764000400000-outbox-inline-images.js';
import { AttendanceReportIndexes1764000800000 } from './1764000800000-attendance-report-indexes.js';
import { OutboxPayload1765100000000 } from './1765100000000-outbox-payload.js';
import { Suppression1765100100000 } from './1765100100000-suppression.js';
import { SessionsAndRateLimits1765200000000 } from './1765200000000-sessions-and-rate-limits.js';
import { CompanyUngmProfile1765400000000 } from './1765400000000-company-ungm-profile.js';
import { Meetings1765500000000 } from './1765500000000-meetings.js';
import { FollowUpsAndCertificates1765400100000 } from './1765400100000-follow-ups-and-certificates.js';
import { SearchText1765600000000 } from './1765600000000-search-text.js';
import { SeminarFormat1765600100000 } from './1765600100000-seminar-format.js';
import { OutboxSearchIndexes1765710000000 } from './1765710000000-outbox-search-indexes.js';
import { ManagedLists1765720000000 } from './1765720000000-managed-lists.js';

/** Every migration, in order. Add new ones at the end. */
export const migrations = [
  InitialSchema1764000000000,
  OutboxInlineImages1764000400000,
  AttendanceReportIndexes1764000800000,
  OutboxPayload1765100000000,
  Suppression1765100100000,
  SessionsAndRateLimits1765200000000,
  CompanyUngmProfile1765400000000,
  FollowUpsAndCertificates1765400100000,
  Meetings1765500000000,
  SearchText1765600000000,
  SeminarFormat1765600100000,
  OutboxSearchIndexes1765710000000,
  ManagedLists1765720000000,
];
