import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailRenderer } from './email-renderer.js';
import { MailTransport } from './mail-transport.js';
import { Registration } from '../registrations/registration.entity.js';
import { OutboxEmail } from './outbox-email.entity.js';
import { OutboxController } from './outbox.controller.js';
import { OutboxService } from './outbox.service.js';
import { OutboxWorker } from './outbox.worker.js';
import { ReminderScheduler } from './reminder.scheduler.js';

/**
 * Global: every feature queues its emails through OutboxService inside its own transaction.
 * The worker sends them after the commit; the scheduler queues reminders.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEmail, Registration])],
  controllers: [OutboxController],
  providers: [OutboxService, EmailRenderer, MailTransport, OutboxWorker, ReminderScheduler],
  exports: [OutboxService, OutboxWorker, MailTransport],
})
export class MailModule {}
