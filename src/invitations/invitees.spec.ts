import { parseCsv } from './invitee-csv.js';
import { checkInvitee, inviteesFromCsv } from './invitees.js';

const VALID_BIN = '000740001307';

describe('invitee rows', () => {
  it('accepts a valid row, trimming and lower-casing the email and normalizing the BIN', () => {
    const { invitee, errors } = checkInvitee({ email: '  Anna@Example.KZ ', fullName: ' Anna ', companyName: 'ACME', bin: '0007 4000 1307' }, 3);
    expect(errors).toEqual([]);
    expect(invitee).toEqual({ row: 3, email: 'anna@example.kz', fullName: 'Anna', companyName: 'ACME', bin: VALID_BIN });
  });

  it('reports each bad field with its row and field name', () => {
    expect(checkInvitee({ email: 'not-an-email' }, 1).errors).toEqual([
      expect.objectContaining({ row: 1, field: 'email', code: 'email', value: 'not-an-email' }),
    ]);
    expect(checkInvitee({ email: 'a@x.kz', bin: '000740001308' }, 2).errors).toEqual([expect.objectContaining({ row: 2, field: 'bin', code: 'bin' })]);
    expect(checkInvitee({ email: 'a@x.kz', fullName: 'A\u0000B' }, 3).errors).toEqual([expect.objectContaining({ field: 'fullName', code: 'control' })]);
    expect(checkInvitee({ email: 'a@x.kz', companyName: 'x'.repeat(201) }, 4).errors).toEqual([expect.objectContaining({ field: 'companyName', code: 'too-long' })]);
    expect(checkInvitee({ fullName: 'No Email' }, 5).errors).toEqual([expect.objectContaining({ field: 'email', code: 'required' })]);
    expect(checkInvitee({ email: 42 }, 6).errors).toEqual([expect.objectContaining({ field: 'email', code: 'not-text' })]);
    expect(checkInvitee({ email: 'a@x.kz', phone: '1' }, 7).errors).toEqual([expect.objectContaining({ field: 'phone', code: 'unknown-field' })]);
    expect(checkInvitee('a@x.kz', 8).errors).toEqual([expect.objectContaining({ field: 'row', code: 'not-object' })]);
    for (const bad of [checkInvitee({ email: 'bad' }, 1), checkInvitee({ email: 'a@x.kz', bin: '1' }, 1)]) expect(bad.invitee).toBeNull();
  });

  it('maps CSV columns by position, or by a header row in any order and language', async () => {
    const plain = inviteesFromCsv(await parseCsv('a@x.kz,Anna,ACME,' + VALID_BIN));
    expect(plain.rows).toEqual([{ row: 1, input: { email: 'a@x.kz', fullName: 'Anna', companyName: 'ACME', bin: VALID_BIN } }]);

    const ru = inviteesFromCsv(await parseCsv(`БИН;Компания;ФИО;Эл. почта\n${VALID_BIN};ТОО Альфа;Анна;a@x.kz\n`));
    expect(ru.rows).toEqual([{ row: 2, input: { email: 'a@x.kz', fullName: 'Анна', companyName: 'ТОО Альфа', bin: VALID_BIN } }]);

    const english = inviteesFromCsv(await parseCsv('Email,Name,Company name,BIN\nb@x.kz,Boris,Beta,\n'));
    expect(english.rows[0]).toEqual({ row: 2, input: { email: 'b@x.kz', fullName: 'Boris', companyName: 'Beta', bin: '' } });

    expect(inviteesFromCsv(await parseCsv('name,company\nAnna,ACME\n')).headerError).toMatch(/email/);
  });
});
