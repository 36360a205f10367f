import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { binControlDigit } from '../../src/companies/bin.js';

/** A valid 12-digit BIN (control digit included) derived from `n`. */
export function validBin(n: number): string {
  for (let candidate = n; ; candidate += 7_919) {
    const first11 = String(10_000_000_000 + (candidate % 89_999_999_999)).slice(0, 11);
    const control = binControlDigit(first11);
    if (control !== null) return first11 + control;
  }
}

const run = randomBytes(3).toString('hex');

/** A sign-up body that passes validation; `n` makes the email unique. */
export function signUpBody(n: number, overrides: Record<string, unknown> = {}) {
  return {
    fullName: `Fault Person ${n}`,
    email: `fault-${run}-${n}@example.org`,
    language: 'en',
    consent: true,
    company: { name: `Fault Company ${n % 7}`, bin: validBin(n % 7) },
    ...overrides,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP proxy between the app and PostgreSQL, so a test can cut the database off without touching
 * the server that other tests use: `cut()` destroys every open socket and refuses new ones.
 */
export class TcpProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private refusing = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  cut(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.refusing = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
