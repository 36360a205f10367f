import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CompanyResponse } from '../../companies/index.js';
import { SEMINAR_LANGUAGES, SeminarResponse } from '../../seminars/index.js';
import { REGISTRATION_STATUSES } from '../registration.entity.js';

/** `201` of a sign-up. */
@ApiSchema({ name: 'SignUpResult' })
export class SignUpResultResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['confirmed', 'waitlisted'] })
  status: string;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, description: 'place on the waitlist; null when confirmed' })
  waitlistPosition: number | null;
}

@ApiSchema({ name: 'RegistrationCompany' })
export class RegistrationCompanyResponse {
  @ApiProperty()
  name: string;

  @ApiProperty({ pattern: '^\\d{12}$' })
  bin: string;

  @ApiProperty({ type: String, nullable: true })
  city: string | null;

  @ApiProperty({ type: String, nullable: true })
  sector: string | null;
}

/** The contract's `Registration`, as organizers list them. */
/** What the organizer's list and the holder of a manage link both see of a registrant. */
abstract class RegistrantFields {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: REGISTRATION_STATUSES })
  status: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  position: string | null;

  @ApiProperty({ enum: SEMINAR_LANGUAGES, description: 'the language of their emails' })
  language: string;
}

@ApiSchema({ name: 'Registration' })
export class RegistrationResponse extends RegistrantFields {

  @ApiProperty({ type: RegistrationCompanyResponse })
  company: RegistrationCompanyResponse;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedInAt: string | null;
}

/** What the holder of a manage link sees: their registration, ticket and company, with the seminar. */
@ApiSchema({ name: 'OwnRegistration' })
export class OwnRegistrationResponse extends RegistrantFields {
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, description: 'place on the waitlist; null unless waitlisted' })
  waitlistPosition: number | null;

  @ApiProperty({ type: CompanyResponse })
  company: CompanyResponse;

  @ApiProperty({ example: 'K7QM2XHP4D', description: 'printed on the ticket and in its QR code; typed or scanned at the door' })
  ticketCode: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedInAt: string | null;

  @ApiProperty({ type: SeminarResponse })
  seminar: SeminarResponse;
}

@ApiSchema({ name: 'CancelResult' })
export class CancelResultResponse {
  @ApiProperty({ enum: ['cancelled'] })
  status: string;
}
