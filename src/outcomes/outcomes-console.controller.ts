import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { ReportQueryDto, ReportsService } from '../attendance/index.js';
import { toCsv } from '../common/csv.js';
import { NotFoundError } from '../common/domain-errors.js';
import { XLSX_TYPE } from '../common/spreadsheet.js';
import { AppConfig } from '../config/app-config.js';
import { MAX_UNSPSC_CODES, normalizeUnspscCodes, describeCodes, isKnownUnspscCode } from '../companies/index.js';
import { consolePage, noticeKey } from '../common/console-page.js';
import { field } from '../common/forms.js';
import { formatDateTime, LOCALE_TAG, translate, type Language } from '../i18n/i18n.js';
import { CompanyProfileService } from './company-profile.service.js';
import { UNGM_STAGES } from './follow-up-answer.entity.js';
import { funnelSvg } from './funnel-chart.js';
import { outcomeCsvRows, OutcomeReportService, outcomeXlsx, type Outcome } from './outcome-report.service.js';

/**
 * The console's UNGM pages: the outcome report (headline figures, funnel, per seminar, CSV) and a
 * company's UNGM profile, which organizers see and correct (codes and UNGM number).
 */
@ApiExcludeController()
@Controller('admin')
@Auth('organizer')
export class OutcomesConsoleController {
  constructor(
    private readonly outcomes: OutcomeReportService,
    private readonly reports: ReportsService,
    private readonly profiles: CompanyProfileService,
    private readonly config: AppConfig,
  ) {}

  @Get('reports/ungm')
  @Render('admin/ungm-outcomes')
  async report(@Query() query: ReportQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const lang = response.locals.lang as Language;
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, unknown>) => translate(lang, key, params);
    const [report, options] = await Promise.all([this.outcomes.report(this.outcomes.parseFilter(query)), this.reports.filterOptions(lang, { city: query.city, sector: query.sector })]);
    const params = new URLSearchParams();
    for (const key of ['from', 'to', 'city', 'sector'] as const) if (query[key]) params.set(key, query[key]!);
    const percent = new Intl.NumberFormat(LOCALE_TAG[lang], { style: 'percent', maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(LOCALE_TAG[lang], { maximumFractionDigits: 2 });
    const figures = (outcome: Outcome) => ({
      ...outcome,
      conversion: outcome.conversionRate === null ? '—' : percent.format(outcome.conversionRate),
      rating: outcome.averageRating === null ? '—' : decimal.format(outcome.averageRating),
      stageCounts: UNGM_STAGES.map((stage) => outcome.stages[stage]),
    });
    const totals = report.totals;
    const atLeast = (from: number) => UNGM_STAGES.slice(from).reduce((sum, stage) => sum + totals.stages[stage], 0);
    const steps = [
      { label: t('outcomes.report.attendedCompanies'), value: totals.attendedCompanies },
      { label: t('outcomes.report.respondedCompanies'), value: totals.respondedCompanies },
      { label: t('outcomes.report.atLeastAccount'), value: atLeast(1) },
      { label: t('outcomes.report.atLeastBasic'), value: atLeast(2) },
      { label: t('outcomes.report.registeredOrBetter'), value: atLeast(3) },
      { label: t('outcomes.report.atLeastLevel1'), value: atLeast(4) },
    ];
    return consolePage(actor, t('outcomes.report.title'), {
      filter: { from: query.from ?? '', to: query.to ?? '', city: query.city ?? '', sector: query.sector ?? '' },
      cities: options.cities,
      sectors: options.sectors,
      totals: figures(totals),
      stageHeaders: UNGM_STAGES.map((stage) => t(`outcomes.stages.${stage}`)),
      seminars: report.seminars.map((seminar) => ({ ...figures(seminar), date: formatDateTime(new Date(seminar.startsAt), this.config.defaultTimeZone, lang) })),
      csvHref: `/admin/reports/ungm-outcomes.csv?${params.toString()}`,
      xlsxHref: `/admin/reports/ungm-outcomes.xlsx?${params.toString()}`,
      funnel: funnelSvg(steps, {
        title: t('outcomes.report.funnel'),
        description: t('outcomes.report.funnelLabel', {
          attended: steps[0].value,
          responded: steps[1].value,
          account: steps[2].value,
          basic: steps[3].value,
          registered: steps[4].value,
          level1: steps[5].value,
        }),
      }),
    });
  }

  @Get('reports/ungm-outcomes.csv')
  async csv(@Query() query: ReportQueryDto, @Res() response: Response) {
    const { header, rows } = outcomeCsvRows(await this.outcomes.report(this.outcomes.parseFilter(query)));
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="ungm-outcomes.csv"');
    response.send(toCsv(header, rows));
  }

  /** The same rows for Excel: headers in the console's language, seminar starts on the app's default clock. */
  @Get('reports/ungm-outcomes.xlsx')
  async xlsx(@Query() query: ReportQueryDto, @Res() response: Response) {
    const file = await outcomeXlsx(await this.outcomes.report(this.outcomes.parseFilter(query)), response.locals.lang as Language, this.config.defaultTimeZone);
    response.type(XLSX_TYPE).setHeader('Content-Disposition', 'attachment; filename="ungm-outcomes.xlsx"').send(file);
  }

  /** The report's "company by BIN" form. */
  @Get('companies')
  findCompany(@Query('bin') bin: unknown, @Res() response: Response) {
    const digits = typeof bin === 'string' ? bin.replace(/[\s-]/g, '') : '';
    response.redirect(303, /^\d{12}$/.test(digits) ? `/admin/companies/${digits}` : '/admin/reports/ungm');
  }

  @Get('companies/:bin')
  @Render('admin/company')
  async company(@Param('bin') bin: string, @Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    return this.companyPage(bin, actor, response, { notice: noticeKey(notice, ['saved']) });
  }

  /** Codes come one per line (or separated by commas or spaces); the list replaces the company's. */
  @Post('companies/:bin')
  async saveCompany(@Param('bin') bin: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const company = await this.profiles.findByBin(bin);
    if (!company) throw new NotFoundError('company');
    const codesText = field(body, 'unspscCodes', 2000);
    const ungmNumber = field(body, 'ungmNumber', 40).replace(/\s/g, '');
    const codes = normalizeUnspscCodes(codesText.split(/[\s,;]+/).filter(Boolean)) as string[];
    const badCode: string | undefined = codes.find((code) => !isKnownUnspscCode(code as unknown));
    let error: string | null = null;
    if (badCode) error = `${translate(response.locals.lang, 'outcomes.profile.invalidCode')} (${badCode.slice(0, 20)})`;
    else if (codes.length > MAX_UNSPSC_CODES) error = translate(response.locals.lang, 'outcomes.profile.full');
    else if (ungmNumber && !/^\d{1,20}$/.test(ungmNumber)) error = translate(response.locals.lang, 'outcomes.profile.invalidNumber');
    if (error) {
      response.status(400).render('admin/company', await this.companyPage(bin, actor, response, { error, codesText, ungmNumber }));
      return;
    }
    await this.profiles.updateByOrganizer(company.id, { unspscCodes: codes, ungmNumber: ungmNumber || null }, actor);
    response.redirect(303, `/admin/companies/${company.bin}?notice=saved`);
  }

  private async companyPage(bin: string, actor: Actor, response: Response, state: { notice?: string | null; error?: string; codesText?: string; ungmNumber?: string }) {
    const company = await this.profiles.findByBin(bin);
    if (!company) throw new NotFoundError('company');
    const lang = response.locals.lang as Language;
    const latest = await this.profiles.latestAnswer(company.id);
    return consolePage(actor, translate(lang, 'outcomes.console.companyTitle', { name: company.name }), {
      company: { name: company.name, bin: company.bin, city: company.city, sector: company.sector },
      codes: describeCodes(company.unspscCodes ?? [], lang),
      codesText: state.codesText ?? (company.unspscCodes ?? []).join('\n'),
      ungmNumber: state.ungmNumber ?? company.ungmNumber ?? '',
      latest: latest ? { stage: translate(lang, `outcomes.stages.${latest.ungmStage}`), date: formatDateTime(latest.createdAt, this.config.defaultTimeZone, lang), bids: latest.bidsSubmitted, contracts: latest.contractsWon, rating: latest.rating } : null,
      notice: state.notice ?? null,
      error: state.error ?? null,
    });
  }
}
