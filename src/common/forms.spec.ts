import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { field, validateForm } from './forms.js';

class CompanyDto {
  @IsString()
  @Length(12, 12)
  bin: string;
}

class PersonDto {
  @IsEmail()
  @MaxLength(20)
  email: string;

  @ValidateNested()
  @Type(() => CompanyDto)
  company: CompanyDto;
}

describe('validateForm', () => {
  it('returns the DTO instance when the form is valid', async () => {
    const result = await validateForm(PersonDto, { email: 'a@example.org', company: { bin: '123456789012' } }, () => 'signup.errors.invalid');
    expect(result.errors).toBeUndefined();
    expect(result.value).toBeInstanceOf(PersonDto);
    expect(result.value?.company).toBeInstanceOf(CompanyDto);
  });

  it('maps nested DTO paths to form fields, one message key per field, chosen from the constraints', async () => {
    const result = await validateForm(
      PersonDto,
      { email: 'not an email and far too long', company: { bin: '1' } },
      ({ field, constraints }) => (field === 'bin' ? 'signup.errors.bin' : constraints.includes('maxLength') ? 'signup.errors.tooLong' : 'signup.errors.email'),
      { fieldOf: (path) => ({ email: 'email', 'company.bin': 'bin' })[path] },
    );
    expect(result.value).toBeUndefined();
    expect(result.errors).toEqual({ email: 'signup.errors.tooLong', bin: 'signup.errors.bin' });
  });

  it('refuses the form even when no field shows the problem', async () => {
    const result = await validateForm(PersonDto, { email: 'a@example.org', company: { bin: '1' } }, () => 'signup.errors.invalid', { fieldOf: (path) => (path === 'email' ? 'email' : undefined) });
    expect(result.errors).toEqual({});
  });
});

describe('field', () => {
  it('reads the first value of a form field as a string, cut to a maximum', () => {
    expect(field({ name: ['first', 'second'] }, 'name')).toBe('first');
    expect(field({ name: 'abcdef' }, 'name', 3)).toBe('abc');
    expect(field({ name: 42 }, 'name')).toBe('');
    expect(field(undefined, 'name')).toBe('');
  });
});
