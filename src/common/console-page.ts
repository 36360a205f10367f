import type { Actor } from '../accounts/index.js';
import type { Response } from 'express';
import { DomainError } from './domain-errors.js';

/**
 * The view model every console page gets: the console layout, the signed-in account and a title.
 *
 * A console page is a GET handler with `@Render('admin/<view>')` that returns
 * `consolePage(actor, title, data)`; a form POST either redirects (303, with `?notice=`) or renders
 * the same view again through the same view-model method with a 4xx status. To add a page, copy a
 * feature's `<feature>-console.controller.ts` (the audit one is the smallest).
 */
export function consolePage<T extends object>(actor: Actor | null, title: string | null, data: T) {
  return { layout: 'layouts/admin', actor, title, ...data };
}

/** A `?notice=` value shown after a redirect, if it is one of ours (never raw text from the URL). */
export function noticeKey(notice: unknown, known: readonly string[]): string | null {
  return typeof notice === 'string' && known.includes(notice) ? `admin.notice.${notice}` : null;
}

/** `next=` may only lead back into the console, never to another site. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500) return '/admin';
  return /^\/admin(?:[/?#][^\\\s]*)?$/.test(next) && !next.includes('//') ? next : '/admin';
}

/**
 * Runs a console action and redirects (303) to `back` with `?notice=<notice>`; an action a rule
 * refuses (e.g. checking in a waitlisted person) returns with `?notice=failed` instead of an error
 * page. Not found stays a 404.
 */
export async function actThenReturn(response: Response, back: string, notice: string, work: () => Promise<unknown>): Promise<void> {
  let outcome = notice;
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
    outcome = 'failed';
  }
  response.redirect(303, `${back}?notice=${outcome}`);
}
