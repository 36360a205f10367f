import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import type { Response } from 'express';
import { NotFoundError } from '../common/domain-errors.js';
import { isLanguage } from '../i18n/i18n.js';
import { CertificatesService } from './certificates.service.js';

@ApiTags('public')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  /** 200 application/pdf once the registration was checked in and the seminar has ended; 409 otherwise. */
  @Get('api/registrations/:token/certificate.pdf')
  @ApiOkResponse({ description: "the certificate of attendance, in the registrant's language", content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors({ 404: 'unknown or erased manage token', 409: 'not checked in, or the seminar has not ended yet' })
  async pdf(@Param('token') token: string, @Res() response: Response) {
    const { pdf, code } = await this.certificates.pdfForToken(token);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="certificate-${code}.pdf"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(pdf);
  }

  /** The public verification page behind the certificate's QR code. */
  @Get('certificates/:code')
  @ApiExcludeEndpoint()
  async verify(@Param('code') code: string, @Res() response: Response) {
    const lang = isLanguage(response.locals.lang) ? response.locals.lang : 'ru';
    try {
      const certificate = await this.certificates.findByCode(code, lang);
      response.render('public/certificate', { title: response.locals.t('certificates.page.title', { code: certificate.code }), certificate });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      response.status(404).render('public/certificate', { title: response.locals.t('certificates.title'), certificate: null });
    }
  }
}
