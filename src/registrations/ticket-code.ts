import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud or typed at the door is not misread. */
export const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TICKET_CODE_LENGTH = 10;

/** A crypto-random ticket code: 31^10 ≈ 8·10^14 possibilities, uniqueness is still checked by the caller. */
export function generateTicketCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let index = 0; index < TICKET_CODE_LENGTH; index++) code += TICKET_ALPHABET[random(TICKET_ALPHABET.length)];
  return code;
}

/** Normalizes what door staff type ("abcd-efgh 23") to a ticket code, or null when it cannot be one. */
export function normalizeTicketCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== TICKET_CODE_LENGTH) return null;
  return [...code].every((char) => TICKET_ALPHABET.includes(char)) ? code : null;
}

/**
 * What the door typed or scanned → the stored ticket code, or null when it cannot be one: case,
 * spaces and dashes as `normalizeTicketCode`, and a scanned QR code may hold a link ending in the
 * code (".../t/ABCD2345EF").
 */
export function normalizeDoorInput(input: string): string | null {
  let text = input.trim();
  if (text.includes('/')) text = text.split(/[/?#=]/).filter(Boolean).pop() ?? '';
  return normalizeTicketCode(text);
}
