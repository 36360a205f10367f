import fc from 'fast-check';
import { AppConfig } from '../config/app-config.js';
import { MailTransport } from './mail-transport.js';
import { writeMime } from './mime-build.js';
import type { OutboxRenderer, RenderedOutboxEmail } from './outbox-renderer.js';

// A 1×1 PNG: the shape of the ticket's QR code image.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const transportWith = (env: Record<string, string>) => new MailTransport(new AppConfig(env as NodeJS.ProcessEnv), null as unknown as OutboxRenderer);

const email = (parts: Partial<RenderedOutboxEmail>): RenderedOutboxEmail => ({
  recipient: 'aigerim@example.org',
  subject: 'Тіркелу расталды: Продажи ООН: бизнес-семинар',
  html: '<!DOCTYPE html>\n<html lang="kk"><body><p>Сәлеметсіз бе, Айгерим!</p></body></html>\n',
  text: 'Сәлеметсіз бе, Айгерим!\n\nhttp://localhost:3000/r/xyVvlZ8RqudVsu3ao0q-52e4EN-lGtUMbPSoUGkGsVQ\n',
  ics: null,
  icsMethod: null,
  inlineImages: [],
  headers: {},
  messageId: '<89987222-ec32-4641-89ff-69ab996814ff@localhost>',
  createdAt: new Date('2026-12-02T01:40:06Z'),
  ...parts,
});

/** What nodemailer's own build() writes, and what writeMime writes, for the same message. */
async function both(transport: MailTransport, row: RenderedOutboxEmail): Promise<[string, string | undefined]> {
  const built = await transport.mimeTree(row).build();
  return [built.toString('latin1'), writeMime(transport.mimeTree(row))?.toString('latin1')];
}

describe('writeMime (nodemailer build() without streams)', () => {
  const transport = transportWith({ MAIL_FROM: 'UN Business Seminars <no-reply@seminars.example>', CONTACT_EMAIL: 'desk@seminars.example' });
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:meeting-1@seminars.example', 'SUMMARY:Встреча с UNDP — стол 4', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

  it.each([
    ['text and HTML only', email({})],
    ['a calendar request', email({ ics, icsMethod: 'REQUEST' })],
    ['a calendar cancellation', email({ ics: ics.replace('REQUEST', 'CANCEL'), icsMethod: 'CANCEL' })],
    ['the ticket QR image and a calendar', email({ ics, icsMethod: 'REQUEST', inlineImages: [{ cid: 'ticket-qr@seminars', filename: 'ticket.png', contentType: 'image/png', base64: PNG }] })],
    ['unsubscribe headers', email({ headers: { 'List-Unsubscribe': '<https://seminars.example/unsubscribe/abc>, <mailto:desk@seminars.example?subject=unsubscribe>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } })],
    ['ASCII only, with a line over 76 characters', email({ subject: 'Registration confirmed', text: `Hello!\n${'x'.repeat(120)}\n`, html: '<p>Hello!</p>' })],
    ['trailing spaces and tabs', email({ text: 'line with spaces   \nand a tab\t\nend ', html: '<p>a </p>  ' })],
    ['no final line break', email({ text: 'Сәлем', html: '<p>Сәлем</p>' })],
  ])('writes the same bytes as build(): %s', async (_name, row) => {
    const [built, written] = await both(transport, row);
    expect(written).toBe(built);
  });

  it('writes the same bytes as build() for any text, HTML, subject and calendar', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 400 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          subject: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
          text: fc.oneof(text, fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\r', '=', '.', 'ә', '€'), maxLength: 400 })),
          html: fc.oneof(text, fc.string({ unit: fc.constantFrom('<p>', ' ', '\n', '=', 'Қ', 'x'.repeat(80)), maxLength: 200 })),
          ics: fc.option(text, { nil: null }),
          image: fc.boolean(),
          sameFrom: fc.boolean(),
        }),
        async ({ subject, text, html, ics, image, sameFrom }) => {
          const sender = sameFrom ? transportWith({ MAIL_FROM: 'Семинары ООН <no-reply@seminars.example>' }) : transport;
          const row = email({ subject, text, html, ics, icsMethod: ics ? 'REQUEST' : null, inlineImages: image ? [{ cid: 'ticket-qr@seminars', filename: 'ticket.png', contentType: 'image/png', base64: PNG }] : [] });
          const [built, written] = await both(sender, row);
          expect(written).toBe(built);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves a tree it cannot write without streams to build()', () => {
    const tree = transport.mimeTree(email({}));
    (tree.childNodes[0] as unknown as { _transforms: unknown[] })._transforms.push(() => undefined);
    expect(writeMime(tree)).toBeNull();
  });
});
