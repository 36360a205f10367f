import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Equals, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsAcceptedEmail, normalisedEmail } from '../../common/email-address.js';
import { NoControlChars, trimmed, trimmedOptional } from '../../common/validators.js';
import { CompanyDto } from '../../companies/index.js';
import { SEMINAR_LANGUAGES, type SeminarLanguage } from '../../seminars/index.js';

/** The contract's `SignUp`: one person, for themselves and their company. */
@ApiSchema({ name: 'SignUp' })
export class SignUpDto {
  @ApiProperty({ maxLength: 200 })
  @trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlChars()
  fullName: string;

  /** Normalised (trimmed, NFC, lower case): one active registration per address and seminar. The one address rule (common/email-address.ts). */
  @ApiProperty({ maxLength: 254 })
  @normalisedEmail()
  @IsString()
  @MaxLength(254)
  @NoControlChars()
  @IsAcceptedEmail()
  email: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40, example: '+7 701 234 5678', description: 'null: not given' })
  @trimmedOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  // A plain space only: \s would let CR/LF, tab, U+2028 and other separators into a header or a CSV cell.
  @Matches(/^\+?[\d ().-]{5,40}$/, { message: 'phone must be a phone number (digits, spaces, +, -, parentheses)' })
  phone?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, description: 'null: not given' })
  @trimmedOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoControlChars()
  position?: string;

  @ApiPropertyOptional({ enum: SEMINAR_LANGUAGES, nullable: true, description: "language of the emails; defaults to the seminar's language (also when null)" })
  @IsOptional()
  @IsIn(SEMINAR_LANGUAGES)
  language?: SeminarLanguage;

  @ApiProperty({ enum: [true], description: 'agreement to the processing of personal data; must be true' })
  @Equals(true, { message: 'consent must be true' })
  consent: boolean;

  @ApiProperty({ type: CompanyDto })
  @IsObject({ message: 'company must be an object with name and bin' })
  @ValidateNested()
  @Type(() => CompanyDto)
  company: CompanyDto;
}
