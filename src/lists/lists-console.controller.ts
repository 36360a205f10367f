import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { Response } from 'express';
import type { Actor } from '../accounts/index.js';
import { Auth, CurrentActor } from '../accounts/index.js';
import { NotFoundError } from '../common/domain-errors.js';
import { validateForm } from '../common/forms.js';
import { ParseId } from '../common/ids.js';
import { NoControlChars, trimmed } from '../common/validators.js';
import { consolePage } from '../common/console-page.js';
import type { MessageKey } from '../i18n/i18n.js';
import type { ListKind } from './list-entry.entity.js';
import { ListsService, type EntryInput } from './lists.service.js';

class ListEntryFormDto {
  @trimmed()
  @IsString()
  @Length(1, 200)
  @NoControlChars()
  nameKk: string;

  @trimmed()
  @IsString()
  @Length(1, 200)
  @NoControlChars()
  nameRu: string;

  @trimmed()
  @IsString()
  @Length(1, 200)
  @NoControlChars()
  nameEn: string;

  /** Other spellings, one per line or separated by semicolons. */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @NoControlChars({ multiline: true })
  aliases?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  _csrf?: string;
}

const KINDS: Record<string, ListKind> = { cities: 'city', sectors: 'sector' };
const FIELDS = ['nameKk', 'nameRu', 'nameEn', 'aliases'] as const;
type Field = (typeof FIELDS)[number];

function kindOf(path: string): ListKind {
  const kind = KINDS[path];
  if (!kind) throw new NotFoundError('list');
  return kind;
}

/**
 * The managed lists of cities and sectors in the console, like the agencies of src/meetings: add an
 * entry with its names in kk, ru and en (and other spellings people type), rename it, disable it.
 */
@ApiExcludeController()
@Controller('admin/lists')
@Auth('organizer')
export class ListsConsoleController {
  constructor(private readonly lists: ListsService) {}

  @Get(':kind')
  @Render('admin/lists')
  async page(@Param('kind') path: string, @Query('edit') edit: unknown, @Query('notice') notice: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const kind = kindOf(path);
    return this.model(kind, path, actor, response, { editId: typeof edit === 'string' ? edit : null, notice: notice === 'saved' });
  }

  @Post(':kind')
  async add(@Param('kind') path: string, @Body() body: object, @CurrentActor() actor: Actor, @Res() response: Response) {
    const kind = kindOf(path);
    const form = await validateForm<ListEntryFormDto, Field>(ListEntryFormDto, body, () => 'lists.error.name');
    if (form.errors) return response.status(400).render('admin/lists', await this.model(kind, path, actor, response, { values: pick(body), errors: form.errors }));
    await this.lists.add(kind, input(form.value), actor);
    response.redirect(303, `/admin/lists/${path}?notice=saved`);
  }

  @Post(':kind/:id')
  async rename(@Param('kind') path: string, @Param('id', ParseId('entry')) id: string, @Body() body: object, @CurrentActor() actor: Actor, @Res() response: Response) {
    const kind = kindOf(path);
    const form = await validateForm<ListEntryFormDto, Field>(ListEntryFormDto, body, () => 'lists.error.name');
    if (form.errors) return response.status(400).render('admin/lists', await this.model(kind, path, actor, response, { editId: id, values: pick(body), errors: form.errors }));
    await this.lists.rename(kind, id, input(form.value), actor);
    response.redirect(303, `/admin/lists/${path}?notice=saved`);
  }

  @Post(':kind/:id/:action')
  async toggle(@Param('kind') path: string, @Param('id', ParseId('entry')) id: string, @Param('action') action: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    if (action !== 'enable' && action !== 'disable') throw new NotFoundError('action');
    await this.lists.setActive(kindOf(path), id, action === 'enable', actor);
    response.redirect(303, `/admin/lists/${path}?notice=saved`);
  }

  private async model(kind: ListKind, path: string, actor: Actor, response: Response, options: { editId?: string | null; notice?: boolean; values?: Record<string, string>; errors?: Partial<Record<Field, MessageKey>> }) {
    const t = response.locals.t;
    const entries = await this.lists.entries(kind);
    const editing = options.editId ? entries.find((entry) => entry.id === options.editId) : undefined;
    if (options.editId && !editing) throw new NotFoundError(kind);
    const values = options.values ?? (editing ? { nameKk: editing.nameKk, nameRu: editing.nameRu, nameEn: editing.nameEn, aliases: editing.aliases.join('\n') } : {});
    return consolePage(actor, t(`lists.${kind}.title`), {
      kind,
      path,
      other: kind === 'city' ? { path: 'sectors', label: t('lists.sector.title') } : { path: 'cities', label: t('lists.city.title') },
      entries: entries.map((entry) => ({
        id: entry.id,
        nameKk: entry.nameKk,
        nameRu: entry.nameRu,
        nameEn: entry.nameEn,
        aliases: entry.aliases.join(', '),
        active: entry.active,
        segment: 'unspscSegment' in entry ? entry.unspscSegment : null,
      })),
      editing: editing ? { id: editing.id, name: editing.nameRu } : null,
      formAction: editing ? `/admin/lists/${path}/${editing.id}` : `/admin/lists/${path}`,
      values,
      errors: options.errors ?? {},
      notice: options.notice ?? false,
    });
  }
}

function pick(body: object): Record<string, string> {
  const source = body as Record<string, unknown>;
  return Object.fromEntries(FIELDS.map((name) => [name, typeof source[name] === 'string' ? (source[name] as string).slice(0, 4000) : '']));
}

function input(form: ListEntryFormDto): EntryInput {
  return { nameKk: form.nameKk, nameRu: form.nameRu, nameEn: form.nameEn, aliases: (form.aliases ?? '').split(/[\n;,]+/).map((alias) => alias.trim()).filter(Boolean) };
}
