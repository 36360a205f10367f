import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { SeminarsModule } from '../seminars/seminars.module.js';
import { ErasureService } from './erasure.service.js';
import { PrivacyConsoleController } from './privacy-console.controller.js';
import { PrivacyController } from './privacy.controller.js';
import { RetentionService } from './retention.service.js';

/** Erasure on request (API and console) and the daily retention run. */
@Module({
  imports: [RegistrationsModule, SeminarsModule],
  controllers: [PrivacyController, PrivacyConsoleController],
  providers: [ErasureService, RetentionService],
})
export class PrivacyModule {}
