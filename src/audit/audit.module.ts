import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { AuditConsoleController } from './audit-console.controller.js';
import { AuditService } from './audit.service.js';

/** Global: every feature records its changes with AuditService inside its own transaction. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  controllers: [AuditConsoleController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
