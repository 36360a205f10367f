import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { AppConfig } from '../config/app-config.js';
import { writeMime } from './mime-build.js';
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
  private readonly smtp: Transporter | null;
  private mailDirReady = false;

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
   * come from the row, the calendar's DTSTAMP from the snapshot and the MIME boundaries from the
   * Message-ID, so a retry repeats the message byte for byte.
   */
  async compose(row: OutboxEmail): Promise<Buffer> {
    return crlf(await this.composeRendered(this.renderer.render(row)));
  }

  /**
   * Removes every stored copy (the .eml files) of these outbox rows: erasure and retention call it,
   * since a file keeps the name, address, QR code and manage link after the row is blanked.
   * Returns how many files went.
   */
  async eraseStored(rowIds: string[]): Promise<number> {
    if (rowIds.length === 0) return 0;
    let names: string[];
    try {
      names = await readdir(this.config.mailDir);
    } catch {
      return 0; // no mail directory: nothing was ever written
    }
    const suffixes = new Set(rowIds.map((id) => `_${id}.eml`));
    let removed = 0;
    for (const name of names) {
      const match = /_[0-9a-f-]{36}\.eml(\.tmp)?$/.exec(name);
      if (!match || !suffixes.has(match[0].replace(/\.tmp$/, ''))) continue;
      await rm(join(this.config.mailDir, name), { force: true });
      removed++;
    }
    return removed;
  }

  async composeRendered(row: RenderedOutboxEmail): Promise<Buffer> {
    const message = this.mimeTree(row);
    // The same bytes as build(), written without its streams (mime-build.ts).
    return writeMime(message) ?? message.build();
  }

  /** The message as nodemailer's tree of MIME parts. */
  mimeTree(row: RenderedOutboxEmail): ReturnType<MailComposer['compile']> {
    const images = row.inlineImages;
    const composer = new MailComposer({
      from: { name: this.config.mailFrom.name, address: this.config.mailFrom.address },
      to: row.recipient,
      // Replies reach the people who run the seminars, not a no-reply address.
      ...(this.config.contactEmail.toLowerCase() !== this.config.mailFrom.address.toLowerCase() ? { replyTo: this.config.contactEmail } : {}),
      subject: row.subject,
      date: row.createdAt,
      messageId: row.messageId,
      // Boundaries from the Message-ID, not random: a retry is the same message, byte for byte.
      // (nodemailer still draws random bytes in each child part's constructor; they go unused.)
      baseBoundary: createHash('sha256').update(row.messageId).digest('hex').slice(0, 24),
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
    return composer.compile();
  }

  /** Renders and delivers one row. A row that cannot be rendered fails for good (PermanentSendError). */
  async send(row: OutboxEmail): Promise<void> {
    await this.deliver(row, await this.build(row));
  }

  /** `compose` for sending: a row that cannot be rendered fails for good (PermanentSendError). */
  async build(row: OutboxEmail): Promise<Buffer> {
    try {
      return await this.compose(row);
    } catch (error) {
      // Building the message touches no network: what failed once fails every time.
      throw new PermanentSendError(error instanceof RenderError ? error.message : `could not build the message: ${(error as Error).message}`);
    }
  }

  /** Delivers a message built by `build`. */
  async deliver(row: OutboxEmail, raw: Buffer): Promise<void> {
    if (this.smtp) {
      try {
        // The row's Message-ID, which the message carries: otherwise nodemailer draws one of its own to log.
        await this.smtp.sendMail({ envelope: { from: this.config.mailFrom.address, to: [row.recipient] }, raw, messageId: row.messageId });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code && code >= 500 && code < 600) throw new PermanentSendError((error as Error).message);
        throw error;
      }
      return;
    }
    // Owner only: the files hold names, addresses, tickets and manage links.
    if (!this.mailDirReady) {
      await mkdir(this.config.mailDir, { recursive: true, mode: 0o700 });
      await chmod(this.config.mailDir, 0o700);
      this.mailDirReady = true;
    }
    // Named by creation time and id: a retry after a crash overwrites the same file instead of adding one.
    const name = `${row.createdAt.toISOString().replace(/[:.]/g, '-')}_${row.id}.eml`;
    const temporary = join(this.config.mailDir, `.${name}.tmp`);
    await writeFile(temporary, raw, { mode: 0o600 });
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

/** One line ending throughout (RFC 5322): text parts written with LF would otherwise sit among CRLF headers. */
function crlf(raw: Buffer): Buffer {
  return Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
