import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { formatDateTime, isLanguage, translate, type Language } from '../i18n/i18n.js';
import { registrationForPage, RegistrationsService, type RegistrationDetails } from '../registrations/index.js';
import { MAX_UNSPSC_CODES, describeCodes, searchUnspsc, isKnownUnspscCode } from '../companies/index.js';
import { CompanyProfileService } from './company-profile.service.js';
import { FollowUpDto } from './dto/follow-up.dto.js';
import { isRegisteredOrBetter, UNGM_STAGES, type UngmStage } from './follow-up-answer.entity.js';
import { FollowUpService } from './follow-up.service.js';
import { allGuides, guideFor } from './ungm-guide.js';

/** The follow-up form's fields in form order, with the element an error summary link goes to. */
const FOLLOW_UP_FIELDS = [
  ['ungmStage', 'stage-none'],
  ['bidsSubmitted', 'bids'],
  ['contractsWon', 'contracts'],
  ['rating', 'rating-1'],
  ['comment', 'comment'],
] as const;

/** The next UNGM stage a company aims for: the guide shown first on the follow-up page. */
function stageAfterAnswer(stage: UngmStage | null): UngmStage {
  return stage ?? 'none';
}

/**
 * The registrant's UNGM pages behind the manage link: the follow-up survey with the step-by-step
 * guide (`/r/:token/follow-up`) and the company's UNSPSC codes and UNGM number (`/r/:token/company`),
 * whose code picker is a server-side search form. No JavaScript, phone-first.
 */
@ApiExcludeController()
@Controller('r/:token')
export class OutcomesPagesController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly followUps: FollowUpService,
    private readonly profiles: CompanyProfileService,
  ) {}

  @Get('follow-up')
  async followUp(@Param('token') token: string, @Query('mark') mark: unknown, @Query('saved') saved: unknown, @Req() request: Request, @Res() response: Response) {
    const details = await registrationForPage(this.registrations, token, request, response);
    if (!details) return;
    await this.renderFollowUp(response, token, details, { mark: typeof mark === 'string' && /^\d{1,4}$/.test(mark) ? mark : '', saved: saved === '1' });
  }

  @Post('follow-up')
  async answer(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const details = await registrationForPage(this.registrations, token, request, response);
    if (!details) return;
    const number = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? (/^\d+$/.test(value.trim()) ? Number(value.trim()) : value) : undefined);
    const plain = {
      ungmStage: typeof body.ungmStage === 'string' ? body.ungmStage : undefined,
      bidsSubmitted: number(body.bidsSubmitted),
      contractsWon: number(body.contractsWon),
      rating: number(body.rating),
      comment: typeof body.comment === 'string' && body.comment.trim() ? body.comment : undefined,
      mark: number(body.mark),
    };
    const input = plainToInstance(FollowUpDto, plain);
    const errors = await validate(input, { whitelist: true });
    if (errors.length > 0 || !this.followUps.canAnswer(details)) {
      response.status(errors.length > 0 ? 400 : 409);
      return this.renderFollowUp(response, token, details, { mark: String(plain.mark ?? ''), saved: false, values: body, errorFields: errors.map((error) => error.property) });
    }
    await this.followUps.answer(token, input);
    response.redirect(303, `/r/${token}/follow-up?saved=1`);
  }

  @Get('company')
  async company(@Param('token') token: string, @Query('q') query: unknown, @Query('saved') saved: unknown, @Req() request: Request, @Res() response: Response) {
    const details = await registrationForPage(this.registrations, token, request, response);
    if (!details) return;
    this.renderCompany(response, token, details, { query: typeof query === 'string' ? query.slice(0, 100) : '', saved: saved === '1' });
  }

  /** One form handler for the page's buttons: `action` = add, remove or number. */
  @Post('company')
  async updateCompany(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const details = await registrationForPage(this.registrations, token, request, response);
    if (!details) return;
    const action = body.action;
    const codes = details.company.unspscCodes ?? [];
    const query = typeof body.q === 'string' ? body.q.slice(0, 100) : '';
    if (action === 'add' || action === 'remove') {
      const code = typeof body.code === 'string' ? body.code.replace(/[\s-]/g, '') : '';
      if (action === 'add' && !isKnownUnspscCode(code)) return this.renderCompany(response.status(400), token, details, { query, error: 'outcomes.profile.invalidCode', codeValue: code });
      if (action === 'add' && !codes.includes(code) && codes.length >= MAX_UNSPSC_CODES) return this.renderCompany(response.status(400), token, details, { query, error: 'outcomes.profile.full' });
      const next = action === 'add' ? [...new Set([...codes, code])] : codes.filter((existing) => existing !== code);
      await this.profiles.updateByToken(token, { unspscCodes: next });
    } else if (action === 'number') {
      const value = typeof body.ungmNumber === 'string' ? body.ungmNumber.replace(/\s/g, '') : '';
      if (value && !/^\d{1,20}$/.test(value)) return this.renderCompany(response.status(400), token, details, { query, error: 'outcomes.profile.invalidNumber', numberValue: value });
      await this.profiles.updateByToken(token, { ungmNumber: value || null });
    } else {
      return this.renderCompany(response.status(400), token, details, { query });
    }
    response.redirect(303, `/r/${token}/company?saved=1${query ? `&q=${encodeURIComponent(query)}` : ''}#codes`);
  }

  private async renderFollowUp(
    response: Response,
    token: string,
    details: RegistrationDetails,
    state: { mark: string; saved: boolean; values?: Record<string, unknown>; errorFields?: string[] },
  ) {
    const lang: Language = isLanguage(response.locals.lang) ? response.locals.lang : 'ru';
    const latest = await this.followUps.latestForCompany(details.company.id);
    const values = state.values ?? {};
    const chosen = typeof values.ungmStage === 'string' ? values.ungmStage : (latest?.ungmStage ?? '');
    const rating = typeof values.rating === 'string' ? values.rating : '';
    const errors = new Set(state.errorFields ?? []);
    const current = stageAfterAnswer(latest?.ungmStage ?? null);
    response.setHeader('Cache-Control', 'no-store');
    response.render('public/follow-up', {
      title: translate(lang, 'outcomes.followUp.title'),
      token,
      manageUrl: `/r/${token}`,
      companyUrl: `/r/${token}/company`,
      company: details.company.name,
      seminarTitle: details.seminar.title,
      canAnswer: this.followUps.canAnswer(details),
      certificateUrl: this.followUps.canAnswer(details) ? `/api/registrations/${token}/certificate.pdf` : null,
      saved: state.saved,
      mark: state.mark,
      hasErrors: errors.size > 0,
      errors: Object.fromEntries([...errors].map((field) => [field, true])),
      // The summary lists each problem in form order, each a link to its field.
      errorList: FOLLOW_UP_FIELDS.filter(([field]) => errors.has(field)).map(([field, target]) => ({ target, messageKey: `outcomes.followUp.errors.${field}` })),
      latest: latest
        ? { stage: translate(lang, `outcomes.stages.${latest.ungmStage}`), date: formatDateTime(latest.createdAt, details.seminar.timeZone, lang), registered: isRegisteredOrBetter(latest.ungmStage) }
        : null,
      stages: UNGM_STAGES.map((stage) => ({ value: stage, labelKey: `outcomes.stages.${stage}`, checked: chosen === stage })),
      ratings: [1, 2, 3, 4, 5].map((value) => ({ value, checked: rating === String(value) })),
      ratingNoneChecked: rating === '',
      bidsSubmitted: typeof values.bidsSubmitted === 'string' ? values.bidsSubmitted : '',
      contractsWon: typeof values.contractsWon === 'string' ? values.contractsWon : '',
      comment: typeof values.comment === 'string' ? values.comment : '',
      next: guideFor(current),
      guides: allGuides().map((guide) => ({ ...guide, labelKey: `outcomes.stages.${guide.stage}`, current: guide.stage === current })),
    });
  }

  private renderCompany(
    response: Response,
    token: string,
    details: RegistrationDetails,
    state: { query: string; saved?: boolean; error?: string; codeValue?: string; numberValue?: string },
  ) {
    const lang: Language = isLanguage(response.locals.lang) ? response.locals.lang : 'ru';
    const codes = details.company.unspscCodes ?? [];
    const results = state.query.trim() ? searchUnspsc(state.query, lang) : null;
    response.setHeader('Cache-Control', 'no-store');
    response.render('public/company-profile', {
      title: translate(lang, 'outcomes.profile.title'),
      actionUrl: `/r/${token}/company`,
      manageUrl: `/r/${token}`,
      company: details.company.name,
      codes: describeCodes(codes, lang),
      full: codes.length >= MAX_UNSPSC_CODES,
      ungmNumber: state.numberValue ?? details.company.ungmNumber ?? '',
      codeValue: state.codeValue ?? '',
      query: state.query,
      saved: !!state.saved,
      error: state.error ?? null,
      results: results?.map((match) => ({ ...match, added: codes.includes(match.pickCode) })) ?? null,
    });
  }
}
