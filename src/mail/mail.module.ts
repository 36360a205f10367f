import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEmail } from './outbox-email.entity.js';
import { OutboxService } from './outbox.service.js';

/** Global: every feature queues its emails through OutboxService inside its own transaction. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEmail])],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class MailModule {}
