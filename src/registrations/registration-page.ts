import type { Request, Response } from 'express';
import { NotFoundError } from '../common/domain-errors.js';
import { preferLanguage } from '../i18n/language.middleware.js';
import type { RegistrationDetails, RegistrationsService } from './registrations.service.js';

/**
 * The registration behind a manage token, for every page under `/r/:token` (manage, meetings,
 * follow-up, company): the page opens in the registration's language unless the visitor picked one
 * with `?lang=`, as the emailed links carry none. An unknown token gets the not-found page, and null.
 */
export async function registrationForPage(registrations: RegistrationsService, token: string, request: Request, response: Response): Promise<RegistrationDetails | null> {
  try {
    const details = await registrations.findByToken(token);
    preferLanguage(request, response, details.registration.language);
    return details;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    response.status(404).render('public/manage-not-found', { title: response.locals.t('manage.notFoundTitle') });
    return null;
  }
}
