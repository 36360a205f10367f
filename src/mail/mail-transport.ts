import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { AppConfig } from '../config/app-config.js';
import type { OutboxEmail } from './outbox-email.entity.js';
import { OutboxRenderer, RenderError, type RenderedOutboxEmail } from './outbox-renderer.js';

type Transporter = ReturnType<typeof nodemailer.createTransport>;

/** An SMTP reply that will not change on a retry (5xx: no such mailbox, rejected content). */
export class PermanentSendError extends Error {}

/**
 * Builds the MIME message of an outbox row and delivers it: over pooled SMTP when SMTP_URL is set,
 * otherwise as an .eml file under MAIL_DIR. Both get the same bytes from `compose`.
 *
 * The calendar travels twice, as Outlook, Gmail and Apple Calendar each look for it in a different
 * place: a `text/calendar; method=…` alternative inside multipart/alternative (Outlook and Gmail turn
 * this into a meeting with Accept/Decline) and an `invite.ics` attachment (`application/ics`, Apple Mail
 * and clients that ignore the alternative). nodemailer's `icalEvent` writes exactly that pair.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly smtp: Transporter | null;

  constructor(
    private readonly config: AppConfig,
    private readonly renderer: OutboxRenderer,
  ) {
    this.smtp = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : null;
  }

  get description(): string {
    if (!this.config.smtpUrl) return `.eml files in ${this.config.mailDir}`;
    const url = new URL(this.config.smtpUrl);
    return `SMTP ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`;
  }

  /**
   * The message exactly as it goes on the wire, rendered from the row's snapshot. Date and Message-ID
   * come from the row and the calendar's DTSTAMP from the snapshot, so a retry repeats them.
   */
  compose(row: OutboxEmail): Promise<Buffer> {
    return this.composeRendered(this.renderer.render(row));
  }

  composeRendered(row: RenderedOutboxEmail): Promise<Buffer> {
    const images = row.inlineImages;
    const composer = new MailComposer({
      from: { name: this.config.mailFrom.name, address: this.config.mailFrom.address },
      to: row.recipient,
      subject: row.subject,
      date: row.createdAt,
      messageId: row.messageId,
      headers: {
        'Auto-Submitted': 'auto-generated',
        // Exchange/Outlook: no out-of-office or other automatic replies to an automatic message.
        'X-Auto-Response-Suppress': 'All',
        ...row.headers,
      },
      text: row.text,
      html: row.html,
      attachments: images.map((image) => ({
        cid: image.cid,
        filename: image.filename,
        contentType: image.contentType,
        content: Buffer.from(image.base64, 'base64'),
      })),
      icalEvent: row.ics && row.icsMethod ? { method: row.icsMethod, filename: 'invite.ics', content: row.ics } : undefined,
    });
    return composer.compile().build();
  }

  /** Renders and delivers one row. A row that cannot be rendered fails for good (PermanentSendError). */
  async send(row: OutboxEmail): Promise<void> {
    let raw: Buffer;
    try {
      raw = await this.compose(row);
    } catch (error) {
      // Building the message touches no network: what failed once fails every time.
      throw new PermanentSendError(error instanceof RenderError ? error.message : `could not build the message: ${(error as Error).message}`);
    }
    if (this.smtp) {
      try {
        await this.smtp.sendMail({ envelope: { from: this.config.mailFrom.address, to: [row.recipient] }, raw });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code && code >= 500 && code < 600) throw new PermanentSendError((error as Error).message);
        throw error;
      }
      return;
    }
    await mkdir(this.config.mailDir, { recursive: true });
    // Named by creation time and id: a retry after a crash overwrites the same file instead of adding one.
    const name = `${row.createdAt.toISOString().replace(/[:.]/g, '-')}_${row.id}.eml`;
    const temporary = join(this.config.mailDir, `.${name}.tmp`);
    await writeFile(temporary, raw);
    await rename(temporary, join(this.config.mailDir, name));
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }
}

function createSmtpTransport(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  return nodemailer.createTransport({
    pool: true,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    maxConnections: 5,
    // Short enough that a dead server frees the worker well within the 60 s lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
