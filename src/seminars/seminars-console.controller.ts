import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, Auth, CurrentActor } from '../accounts/index.js';
import { consolePage, noticeKey } from '../common/console-page.js';
import { SEMINAR_LANGUAGES, type Seminar } from './seminar.entity.js';
import { SeminarFormService, type FormErrors, type SeminarFormValues } from './seminar-form.service.js';
import { consoleSeminarRow, splitByEnd } from './seminars-console.view.js';
import { SeminarsService } from './seminars.service.js';
import { ParseId } from '../common/ids.js';

const NOTICES = ['created', 'saved', 'cancelled'] as const;
const PAST_SHOWN = 100;

/** Seminars in the console: list, create, edit, duplicate, cancel. */
@ApiExcludeController()
@Controller('admin/seminars')
@Auth('organizer')
export class SeminarsConsoleController {
  constructor(
    private readonly seminars: SeminarsService,
    private readonly form: SeminarFormService,
  ) {}

  @Get()
  @Render('admin/seminars')
  async list(@CurrentActor() actor: Actor, @Query('notice') notice: unknown, @Query('count') count: unknown, @Res({ passthrough: true }) response: Response) {
    const lang = response.locals.lang;
    const { upcoming, past } = splitByEnd(await this.seminars.listAll());
    const invited = notice === 'invitesQueued' && typeof count === 'string' && /^\d{1,6}$/.test(count) ? Number(count) : null;
    const t = response.locals.t;
    const stepNotice = notice === 'draftCreated' ? t('publish.created') : notice === 'published' ? t('publish.published') : null;
    return consolePage(actor, t('admin.seminars.title'), {
      upcoming: upcoming.map((seminar) => consoleSeminarRow(seminar, lang)),
      past: past.slice(0, PAST_SHOWN).map((seminar) => consoleSeminarRow(seminar, lang)),
      notice: noticeKey(notice, NOTICES),
      noticeText: invited === null ? stepNotice : t('seminarChanges.queued', { count: invited }),
    });
  }

  @Get('new')
  @Render('admin/seminar-form')
  newForm(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    return this.formPage(response, actor, { mode: 'create', values: this.form.blank(response.locals.lang) });
  }

  @Post()
  async create(@Body() body: unknown, @CurrentActor() actor: Actor, @Res() response: Response) {
    const values = this.form.fromBody(body);
    const outcome = await this.form.create(values, actor);
    if (outcome.errors) return response.status(400).render('admin/seminar-form', this.formPage(response, actor, { mode: 'create', values, errors: outcome.errors }));
    response.redirect(303, `/admin/seminars?notice=draftCreated#seminar-${outcome.seminar.id}`);
  }

  @Get(':id/duplicate')
  @Render('admin/seminar-form')
  async duplicate(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const source = await this.seminars.get(id);
    const values = { ...this.form.fromSeminar(source), status: 'draft' };
    return this.formPage(response, actor, { mode: 'create', values, duplicateOf: source.title });
  }

  @Get(':id/edit')
  @Render('admin/seminar-form')
  async editForm(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    return this.formPage(response, actor, { mode: 'edit', id, values: this.form.fromSeminar(seminar), cancelled: seminar.status === 'cancelled', registered: registeredWarning(seminar, response) });
  }

  /**
   * Saving a change that registrants are told about (title, time, place, link) first shows what
   * changes, old -> new, and to how many people the updated invites go; `confirm=yes` saves.
   */
  @Post(':id/edit')
  async update(@Param('id', ParseId('seminar')) id: string, @Body() body: Record<string, unknown>, @CurrentActor() actor: Actor, @Res() response: Response) {
    const values = this.form.fromBody(body);
    const seminar = await this.seminars.get(id);
    const registered = registeredWarning(seminar, response);
    if (body.confirm === 'edit') return response.status(200).render('admin/seminar-form', this.formPage(response, actor, { mode: 'edit', id, values, registered }));
    const told = seminar.status === 'published' ? seminar.seatsTaken : 0;
    if (told > 0 && body.confirm !== 'yes') {
      const changes = await this.form.previewChanges(seminar, values, response.locals.lang);
      if (changes.length > 0) {
        return response.status(200).render(
          'admin/seminar-change-confirm',
          consolePage(actor, response.locals.t('seminarChanges.confirmTitle'), {
            id,
            seminarTitle: seminar.title,
            changes,
            count: told,
            fields: Object.entries(values).map(([name, value]) => ({ name, value })),
          }),
        );
      }
    }
    const outcome = await this.form.update(id, values, actor);
    if (outcome.errors) return response.status(400).render('admin/seminar-form', this.formPage(response, actor, { mode: 'edit', id, values, errors: outcome.errors, registered }));
    const invited = outcome.seminar.version !== seminar.version && outcome.seminar.status === 'published' ? outcome.seminar.seatsTaken : 0;
    response.redirect(303, invited > 0 ? `/admin/seminars?notice=invitesQueued&count=${invited}#seminar-${id}` : `/admin/seminars?notice=saved#seminar-${id}`);
  }

  /** The Publish step: a draft goes into the catalogue (audited); a cancelled seminar stays as it is. */
  @Post(':id/publish')
  async publish(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    await this.seminars.publish(id, actor);
    response.redirect(303, `/admin/seminars?notice=published#seminar-${id}`);
  }

  /** The confirmation step: cancelling emails every registrant, so it is never one click. */
  @Get(':id/cancel')
  @Render('admin/seminar-cancel')
  async cancelConfirm(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const seminar = await this.seminars.get(id);
    return consolePage(actor, response.locals.t('admin.seminars.cancelTitle'), { seminar: consoleSeminarRow(seminar, response.locals.lang) });
  }

  @Post(':id/cancel')
  async cancel(@Param('id', ParseId('seminar')) id: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    await this.seminars.cancel(id, actor);
    response.redirect(303, `/admin/seminars?notice=cancelled#seminar-${id}`);
  }

  /** The view model of admin/seminar-form, for the GET pages and for a POST that shows its errors. */
  private formPage(
    response: Response,
    actor: Actor,
    view: { mode: 'create' | 'edit'; values: SeminarFormValues; id?: string; errors?: FormErrors; duplicateOf?: string; cancelled?: boolean; registered?: string | null },
  ) {
    const t = response.locals.t;
    const title = view.mode === 'edit' ? t('admin.seminarForm.editTitle') : view.duplicateOf ? t('admin.seminarForm.duplicateTitle') : t('admin.seminarForm.createTitle');
    return consolePage(actor, title, {
      ...view,
      action: view.mode === 'edit' ? `/admin/seminars/${view.id}/edit` : '/admin/seminars',
      errors: view.errors ?? {},
      zones: this.form.zoneOptions(view.values.timeZone),
      languages: SEMINAR_LANGUAGES.map((code) => ({ code, selected: code === view.values.language })),
      statuses: ['draft', 'published'].map((code) => ({ code, selected: code === view.values.status })),
    });
  }
}

/** The edit form's warning while people are registered: changes reach them. */
function registeredWarning(seminar: Seminar, response: Response): string | null {
  if (seminar.status !== 'published' || seminar.seatsTaken + seminar.waitlistCount === 0) return null;
  return response.locals.t('seminarChanges.registeredWarning', { confirmed: seminar.seatsTaken, waitlisted: seminar.waitlistCount });
}
