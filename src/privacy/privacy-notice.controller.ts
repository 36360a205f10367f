import { Controller, Get, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { CONSENT_VERSION } from '../registrations/index.js';

/** The privacy notice the sign-up form's consent links to: what is kept, why, how long, how to have it erased. */
@ApiExcludeController()
@Controller()
export class PrivacyNoticeController {
  constructor(private readonly config: AppConfig) {}

  @Get('privacy')
  @Render('public/privacy')
  notice(@Res({ passthrough: true }) response: Response) {
    return {
      title: response.locals.t('privacyNotice.title'),
      retentionDays: this.config.retentionDays,
      consentVersion: CONSENT_VERSION,
    };
  }
}
