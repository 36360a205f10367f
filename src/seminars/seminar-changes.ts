import { translate, type Language } from '../i18n/i18n.js';
import { seminarWhen, seminarWhere } from '../mail/index.js';
import type { Seminar } from './seminar.entity.js';

/** What people were told about a seminar: the fields whose change sends an updated invite. */
export type SeminarDetails = Pick<Seminar, 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'format' | 'city' | 'venue' | 'onlineUrl'>;

/** One changed detail, worded for a reader: "When: … 10:00 – 13:00 … → … 11:00 – 14:00 …". Plain strings (emails store it). */
export interface SeminarChangeLine {
  label: string;
  from: string;
  to: string;
}

/** The details that differ between `before` and `after`, in `language`, in the order a reader checks them. */
export function describeSeminarChanges(before: SeminarDetails, after: SeminarDetails, language: Language): SeminarChangeLine[] {
  const lines: SeminarChangeLine[] = [];
  const none = translate(language, 'seminarChanges.none');
  if (before.title !== after.title) lines.push({ label: translate(language, 'seminarChanges.title'), from: before.title, to: after.title });
  const timeChanged = before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime() || before.timeZone !== after.timeZone;
  if (timeChanged) lines.push({ label: translate(language, 'seminarChanges.when'), from: seminarWhen(before, language), to: seminarWhen(after, language) });
  const placeChanged = before.format !== after.format || before.city !== after.city || (before.venue ?? '') !== (after.venue ?? '');
  if (placeChanged) lines.push({ label: translate(language, 'seminarChanges.where'), from: seminarWhere(before, language) || none, to: seminarWhere(after, language) || none });
  if ((before.onlineUrl ?? '') !== (after.onlineUrl ?? '')) {
    lines.push({ label: translate(language, 'seminarChanges.link'), from: before.onlineUrl || none, to: after.onlineUrl || none });
  }
  return lines;
}
