import { Injectable } from '@nestjs/common';
import { EmailRenderer } from './email-renderer.js';
import type { OutboxEmail } from './outbox-email.entity.js';
import { EXTRA_HEADERS, renderQrImages, renderStoredCalendar, type InlineImage, type OutboxPayload } from './outbox-payload.js';

/** Every part of one email, as it goes into the MIME message. */
export interface RenderedOutboxEmail {
  recipient: string;
  subject: string;
  html: string;
  text: string;
  ics: string | null;
  icsMethod: string | null;
  inlineImages: InlineImage[];
  headers: Record<string, string>;
  messageId: string;
  createdAt: Date;
}

/** The snapshot of a row could not be turned into an email; sending it again would fail the same way. */
export class RenderError extends Error {}

/**
 * Turns an outbox row into its parts. A row with a payload is rendered now (the normal case); a row
 * written before payloads existed carries its rendered parts and is sent as stored. The subject was
 * fixed at enqueue time, so lists show it and the rendered message repeats it.
 */
@Injectable()
export class OutboxRenderer {
  constructor(private readonly emails: EmailRenderer) {}

  render(row: OutboxEmail): RenderedOutboxEmail {
    const base = { recipient: row.recipient, subject: row.subject, messageId: row.messageId, createdAt: row.createdAt };
    if (!row.payload) {
      return {
        ...base,
        html: row.html,
        text: row.text,
        ics: row.ics,
        icsMethod: row.ics ? row.icsMethod : null,
        inlineImages: row.inlineImages ? (JSON.parse(row.inlineImages) as InlineImage[]) : [],
        headers: {},
      };
    }
    try {
      const payload = JSON.parse(row.payload) as OutboxPayload;
      const { html, text } = this.emails.render(payload.template, row.language, payload.data ?? {}, payload.subjectKey);
      const ics = payload.calendar ? renderStoredCalendar(payload.calendar) : null;
      const headers: Record<string, string> = {};
      for (const name of EXTRA_HEADERS) {
        const value = payload.headers?.[name];
        if (typeof value === 'string') headers[name] = value;
      }
      return { ...base, html, text, ics, icsMethod: ics ? payload.calendar!.method : null, inlineImages: renderQrImages(payload.images), headers };
    } catch (error) {
      throw new RenderError(`could not render the email: ${(error as Error).message}`);
    }
  }
}
