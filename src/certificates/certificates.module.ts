import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/index.js';
import { CertificatesController } from './certificates.controller.js';
import { CertificatesService } from './certificates.service.js';

/** Certificates of attendance: the PDF and its public verification page. */
@Module({
  imports: [RegistrationsModule],
  controllers: [CertificatesController],
  providers: [CertificatesService],
  exports: [CertificatesService],
})
export class CertificatesModule {}
