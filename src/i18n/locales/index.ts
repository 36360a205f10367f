/**
 * All messages, one file per section, each file holding its section in English, Russian and Kazakh.
 *
 * To add a feature's strings: copy a small section (e.g. `errors.ts`) to `<feature>.ts`, write the
 * English keys and their ru and kk texts there, and add the section to the list below (alphabetical,
 * one line each). English sets the keys: a ru or kk key missing or misspelt fails `tsc`, and so does
 * `translate(lang, 'a.mistyped.key')` in code. Templates' `{{t "..."}}` keys are checked by
 * `i18n.spec.ts`. Placeholders look like {name} and must be the same in every language.
 */
import type { KeyPaths, Translation } from '../define-messages.js';
import type { Language } from '../language.js';
import { admin } from './admin.js';
import { auditLog } from './auditLog.js';
import { catalogue } from './catalogue.js';
import { certificates } from './certificates.js';
import { checkin } from './checkin.js';
import { doorCamera } from './doorCamera.js';
import { doorSearch } from './doorSearch.js';
import { email } from './email.js';
import { errors } from './errors.js';
import { invitations } from './invitations.js';
import { languages } from './languages.js';
import { layout } from './layout.js';
import { lists } from './lists.js';
import { manage } from './manage.js';
import { meetings } from './meetings.js';
import { meta } from './meta.js';
import { outcomes } from './outcomes.js';
import { online } from './online.js';
import { outboxSearch } from './outboxSearch.js';
import { ownPassword } from './ownPassword.js';
import { privacyNotice } from './privacyNotice.js';
import { publish } from './publish.js';
import { registrationTable } from './registrationTable.js';
import { reports } from './reports.js';
import { seminar } from './seminar.js';
import { seminarChanges } from './seminarChanges.js';
import { signup } from './signup.js';
import { signupErrors } from './signupErrors.js';
import { spreadsheets } from './spreadsheets.js';
import { trust } from './trust.js';
import { unsubscribe } from './unsubscribe.js';
import { words } from './words.js';

const sections = {
  admin,
  auditLog,
  catalogue,
  certificates,
  checkin,
  doorCamera,
  doorSearch,
  email,
  errors,
  invitations,
  languages,
  layout,
  lists,
  manage,
  meetings,
  meta,
  outcomes,
  online,
  outboxSearch,
  ownPassword,
  privacyNotice,
  publish,
  registrationTable,
  reports,
  seminar,
  seminarChanges,
  signup,
  signupErrors,
  spreadsheets,
  trust,
  unsubscribe,
  words,
};

type Sections = typeof sections;
/** The English tree: the one every other language must match. */
export type Messages = { [S in keyof Sections]: Sections[S]['en'] };
/** A key of a text, "section.name": a mistyped key does not compile. */
export type MessageKey = KeyPaths<Messages>;

function messagesIn(language: Language): Translation<Messages> {
  return Object.fromEntries(Object.entries(sections).map(([name, section]) => [name, section[language]])) as Translation<Messages>;
}

export const catalogues: Record<Language, Translation<Messages>> = { ru: messagesIn('ru'), kk: messagesIn('kk'), en: messagesIn('en') };
