import { Module } from '@nestjs/common';
import { ErasureService } from './erasure.service.js';
import { PrivacyController } from './privacy.controller.js';
import { RetentionService } from './retention.service.js';

/** Erasure on request and the daily retention run. */
@Module({
  controllers: [PrivacyController],
  providers: [ErasureService, RetentionService],
  exports: [ErasureService, RetentionService],
})
export class PrivacyModule {}
