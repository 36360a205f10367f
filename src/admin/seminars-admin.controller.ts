import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../accounts/accounts.service.js';
import { Auth, CurrentActor } from '../accounts/roles.guard.js';
import { SEMINAR_LANGUAGES } from '../seminars/seminar.entity.js';
import { SeminarsService } from '../seminars/seminars.service.js';
import { consolePage, noticeKey } from './admin-page.js';
import { adminSeminarRow, DashboardService } from './dashboard.service.js';
import { SeminarFormService, type FormErrors, type SeminarFormValues } from './seminar-form.service.js';

const NOTICES = ['created', 'saved', 'cancelled'] as const;
const PAST_SHOWN = 100;

/** Seminars in the console: list, create, edit, duplicate, cancel. */
@ApiExcludeController()
@Controller('admin/seminars')
@Auth('organizer')
export class SeminarsAdminController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly form: SeminarFormService,
    private readonly dashboard: DashboardService,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query('notice') notice: unknown, @Res() response: Response) {
    const lang = response.locals.lang;
    const { upcoming, past } = await this.dashboard.split();
    response.render(
      'admin/seminars',
      consolePage(actor, response.locals.t('admin.seminars.title'), {
        upcoming: upcoming.map((seminar) => adminSeminarRow(seminar, lang)),
        past: past.slice(0, PAST_SHOWN).map((seminar) => adminSeminarRow(seminar, lang)),
        notice: noticeKey(notice, NOTICES),
      }),
    );
  }

  @Get('new')
  newForm(@CurrentActor() actor: Actor, @Res() response: Response) {
    this.renderForm(response, actor, { mode: 'create', values: this.form.blank(response.locals.lang) });
  }

  @Post()
  async create(@Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const values = this.form.fromBody(body);
    const outcome = await this.form.create(values, actor);
    if (outcome.errors) return this.renderForm(response.status(400), actor, { mode: 'create', values, errors: outcome.errors });
    response.redirect(303, `/admin/seminars?notice=created#seminar-${outcome.seminar.id}`);
  }

  @Get(':id/duplicate')
  async duplicate(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    const source = await this.seminars.get(id);
    const values = { ...this.form.fromSeminar(source), status: 'draft' };
    this.renderForm(response, actor, { mode: 'create', values, duplicateOf: source.title });
  }

  @Get(':id/edit')
  async editForm(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    const seminar = await this.seminars.get(id);
    this.renderForm(response, actor, { mode: 'edit', id, values: this.form.fromSeminar(seminar), cancelled: seminar.status === 'cancelled' });
  }

  @Post(':id/edit')
  async update(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const values = this.form.fromBody(body);
    const outcome = await this.form.update(id, values, actor);
    if (outcome.errors) return this.renderForm(response.status(400), actor, { mode: 'edit', id, values, errors: outcome.errors });
    response.redirect(303, `/admin/seminars?notice=saved#seminar-${id}`);
  }

  /** The confirmation step: cancelling emails every registrant, so it is never one click. */
  @Get(':id/cancel')
  async cancelConfirm(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    const seminar = await this.seminars.get(id);
    response.render(
      'admin/seminar-cancel',
      consolePage(actor, response.locals.t('admin.seminars.cancelTitle'), { seminar: adminSeminarRow(seminar, response.locals.lang) }),
    );
  }

  @Post(':id/cancel')
  async cancel(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    await this.seminars.cancel(id, actor);
    response.redirect(303, `/admin/seminars?notice=cancelled#seminar-${id}`);
  }

  private renderForm(
    response: Response,
    actor: Actor,
    view: { mode: 'create' | 'edit'; values: SeminarFormValues; id?: string; errors?: FormErrors; duplicateOf?: string; cancelled?: boolean },
  ) {
    const t = response.locals.t;
    const title = view.mode === 'edit' ? t('admin.seminarForm.editTitle') : view.duplicateOf ? t('admin.seminarForm.duplicateTitle') : t('admin.seminarForm.createTitle');
    response.render(
      'admin/seminar-form',
      consolePage(actor, title, {
        ...view,
        action: view.mode === 'edit' ? `/admin/seminars/${view.id}/edit` : '/admin/seminars',
        errors: view.errors ?? {},
        zones: this.form.zoneOptions(view.values.timeZone),
        languages: SEMINAR_LANGUAGES.map((code) => ({ code, selected: code === view.values.language })),
        statuses: ['draft', 'published'].map((code) => ({ code, selected: code === view.values.status })),
      }),
    );
  }
}
