import { Account } from '../accounts/account.entity.js';
import { RevokedSession } from '../accounts/revoked-session.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Company, CompanyName } from '../companies/company.entity.js';
import { Invitation } from '../invitations/invitation.entity.js';
import { Suppression } from '../invitations/suppression.entity.js';
import { OutboxEmail } from '../mail/outbox-email.entity.js';
import { Registration } from '../registrations/registration.entity.js';
import { Seminar } from '../seminars/seminar.entity.js';
import { Agency } from '../meetings/agency.entity.js';
import { Desk } from '../meetings/desk.entity.js';
import { MeetingRequest, MeetingRound } from '../meetings/meeting-request.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Slot } from '../meetings/slot.entity.js';
import { AppSetting } from './app-setting.entity.js';
import { FollowUpAnswer } from '../outcomes/follow-up-answer.entity.js';
import { Certificate } from '../certificates/certificate.entity.js';

export const entities = [AppSetting, Account, RevokedSession, Seminar, Company, CompanyName, Registration, Invitation, Suppression, OutboxEmail, AuditEvent, Agency, Desk, Slot, Meeting, MeetingRound, MeetingRequest, FollowUpAnswer, Certificate];
