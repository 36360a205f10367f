import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CALENDAR_UID_DOMAIN, calendarUidDomainProvider } from './calendar-uid-domain.js';
import { EmailRenderer } from './email-renderer.js';
import { MailTransport } from './mail-transport.js';
import { OutboxEmail } from './outbox-email.entity.js';
import { OutboxRenderer } from './outbox-renderer.js';
import { OutboxConsoleController } from './outbox-console.controller.js';
import { OutboxController } from './outbox.controller.js';
import { OutboxService } from './outbox.service.js';
import { OutboxWorker } from './outbox.worker.js';

/**
 * Global: every feature queues its emails through OutboxService inside its own transaction, as a
 * message (template, language, a snapshot of the data); the worker renders and sends them after the
 * commit. Mail imports no feature.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEmail])],
  controllers: [OutboxController, OutboxConsoleController],
  providers: [OutboxService, EmailRenderer, OutboxRenderer, MailTransport, OutboxWorker, calendarUidDomainProvider],
  exports: [OutboxService, OutboxWorker, MailTransport, CALENDAR_UID_DOMAIN],
})
export class MailModule {}
