import type { Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { SettingsService } from '../database/settings.service.js';

/** The domain part of every calendar UID this installation writes (registrations, meetings). */
export const CALENDAR_UID_DOMAIN = Symbol('CALENDAR_UID_DOMAIN');

const SETTING = 'calendar_uid_domain';

/**
 * Fixed forever for an installation: taken once, at the first start that needs it, and stored in the
 * database, which every instance shares. A calendar client recognises an update or a cancellation only
 * by its UID, so a later change of PUBLIC_URL must not change it.
 *
 * The value taken is PUBLIC_URL's host at that first start. For an installation that already sent
 * invites, UIDs were `…@<PUBLIC_URL host>`, and the host it runs under when it is upgraded is the best
 * guess of the one those invites used; a new installation gets a name that is its own.
 */
export const calendarUidDomainProvider: Provider = {
  provide: CALENDAR_UID_DOMAIN,
  inject: [AppConfig, SettingsService],
  useFactory: (config: AppConfig, settings: SettingsService): Promise<string> =>
    settings.getOrCreate(SETTING, () => new URL(config.publicUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost'),
};
