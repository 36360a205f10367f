import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { toLanguage } from '../i18n/i18n.js';
import { entryName } from './list-entry.entity.js';
import { ListsService } from './lists.service.js';

/**
 * Gives the pages with a city or sector field (the sign-up form, the seminar form) the managed lists'
 * names as `listSuggestions.city` / `.sector`, for a `<datalist>`: people pick "Алматы" instead of
 * typing a new spelling, and free text is still accepted. Names are in the page's language, read when
 * the template renders (after the language is chosen).
 */
@Injectable()
export class ListSuggestionsMiddleware implements NestMiddleware {
  constructor(private readonly lists: ListsService) {}

  async use(_request: Request, response: Response, next: NextFunction): Promise<void> {
    try {
      const entries = await this.lists.activeEntries();
      Object.defineProperty(response.locals, 'listSuggestions', {
        enumerable: true,
        configurable: true,
        get: () => {
          const language = toLanguage(response.locals.lang);
          const names = (list: typeof entries.city) => [...new Set(list.map((entry) => entryName(entry, language)))].sort((a, b) => a.localeCompare(b, language));
          return { city: names(entries.city), sector: names(entries.sector) };
        },
      });
    } catch {
      // Suggestions are a help only: a page without them still works.
    }
    next();
  }
}
