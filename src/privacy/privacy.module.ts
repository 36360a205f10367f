import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/index.js';
import { SeminarsModule } from '../seminars/index.js';
import { ErasureService } from './erasure.service.js';
import { PrivacyConsoleController } from './privacy-console.controller.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyNoticeController } from './privacy-notice.controller.js';
import { RetentionService } from './retention.service.js';

/** Erasure on request (API and console), the daily retention run, and the public privacy notice. */
@Module({
  imports: [RegistrationsModule, SeminarsModule],
  controllers: [PrivacyController, PrivacyConsoleController, PrivacyNoticeController],
  providers: [ErasureService, RetentionService],
})
export class PrivacyModule {}
