import { normalizeTicketCode } from '../registrations/ticket-code.js';

/**
 * What the door typed or scanned → the stored ticket code, or null when it cannot be one.
 * Case, spaces and dashes are the registrations feature's rule (normalizeTicketCode); the door adds
 * that a scanned QR code may hold a link ending in the code (".../t/ABCD2345EF").
 */
export function normaliseDoorInput(input: string): string | null {
  let text = input.trim();
  if (text.includes('/')) text = text.split(/[/?#=]/).filter(Boolean).pop() ?? '';
  return normalizeTicketCode(text);
}
