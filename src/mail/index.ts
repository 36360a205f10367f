// The public surface of mail/: other features import only this file (src/feature-boundaries.spec.ts).
export { OutboxEmail } from './outbox-email.entity.js';
export { CALENDAR_UID_DOMAIN } from './calendar-uid-domain.js';
export { safeHttpUrl, seminarWhen, seminarWhere } from './email-format.js';
export { MailTransport } from './mail-transport.js';
export { OutboxService, type QueuedMessage } from './outbox.service.js';
export { MailModule } from './mail.module.js';
