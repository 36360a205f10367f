import type { Actor } from '../accounts/accounts.service.js';

/** The view model every console page gets: the console layout, the signed-in account and a title. */
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

/** First value of a form field, as a string of at most `max` characters (longer input is cut so validation reports it). */
export function field(body: unknown, name: string, max = 10_000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, max) : '';
}
