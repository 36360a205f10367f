import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
  messageId: string;
  /** Lower-cased recipient addresses of the envelope. */
  to: string[];
}

/**
 * A real SMTP server on loopback for the tests: no TLS, no auth required. Every accepted message is
 * parsed with mailparser. It can be stopped and started again on the same port to fake an outage,
 * and told to answer the next messages with a temporary failure.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  /** Connection-level errors reported by the server (e.g. a client that was killed). */
  readonly connectionErrors: string[] = [];
  /** Message-IDs of messages answered with a temporary failure. */
  readonly rejected: string[] = [];
  /** Milliseconds each message waits before its answer: a slow server, so a round of sends takes a while. */
  delayMs = 0;
  private server: SMTPServer | null = null;
  private rejectNext = 0;
  private waiters: Array<() => void> = [];
  port = 0;

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await sink.listen(0);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Answer the next `count` messages with 451 (try again later). */
  failNext(count: number): void {
    this.rejectNext = count;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  clear(): void {
    this.messages.length = 0;
    this.rejected.length = 0;
  }

  /** Resolves once `predicate` holds for the received messages; rejects after `timeoutMs`. */
  async waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs = 20_000, what = 'messages'): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SMTP sink: timed out waiting for ${what}; have ${this.messages.length}: ${this.messages.map((m) => `${m.to.join(',')} "${m.parsed.subject}"`).join('; ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  waitForCount(count: number, timeoutMs?: number): Promise<ReceivedMail[]> {
    return this.waitFor((messages) => messages.length >= count, timeoutMs, `${count} message(s)`);
  }

  async waitForTo(address: string, count = 1, timeoutMs?: number): Promise<ReceivedMail[]> {
    await this.waitFor(() => this.to(address).length >= count, timeoutMs, `${count} message(s) to ${address}`);
    return this.to(address);
  }

  /** Closes the port: connections are refused until `restart()`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restart(): Promise<void> {
    await this.listen(this.port);
  }

  private async listen(port: number): Promise<void> {
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 100,
      // No DNS on loopback: a reverse lookup with no resolver stalls every connection for seconds.
      disableReverseLookup: true,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              const messageId = parsed.messageId ?? '';
              if (this.rejectNext > 0) {
                this.rejectNext--;
                this.rejected.push(messageId);
                const error = Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 });
                return callback(error);
              }
              const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
              this.messages.push({ raw, parsed, messageId, to, envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to } });
              callback();
              for (const wake of this.waiters.splice(0)) wake();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    // A client killed mid-session (the kill -9 test) resets its socket; smtp-server reports that as an
    // 'error' event, which without a listener would crash the test process.
    server.on('error', (error: Error) => this.connectionErrors.push(error.message));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }
}
