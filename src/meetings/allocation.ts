import { createHash } from 'node:crypto';
import { overlaps, type SlotTimes } from './slots.js';

/**
 * The fair allocation of a request round. Pure and deterministic: the same input gives the same
 * meetings, whatever order the arrays come in.
 *
 * - Registrants are put in a fixed order that nobody can game: by SHA-256 of seed + registration id
 *   (the seed is the seminar id), not by who asked first.
 * - Round k (k = 1, 2, …) gives each registrant, in that order, their k-th ranked desk: the earliest
 *   free slot there that overlaps none of their meetings, while they hold fewer than `limit`
 *   meetings. Round k+1 starts only when round k is over, so everyone's first choice is served
 *   before anyone's second, and so on. Odd rounds go through the order forwards, even rounds
 *   backwards (a "snake"), so whoever came last in one round comes first in the next.
 * - A choice that cannot be served (desk full, or every free slot clashes) is skipped; it does not
 *   hold back the registrant's later choices.
 *
 * Consequence (checked by the property tests): a registrant's k-th choice is refused only if every
 * slot of that desk is taken by a meeting that existed before the round or by a choice ranked k or
 * better, or clashes with their own meetings from earlier rounds (or they are at the limit).
 */

export interface AllocationSlot extends SlotTimes {
  id: string;
  deskId: string;
}

export interface AllocationInput {
  seed: string;
  /** Every slot of the seminar's desks, taken or not. */
  slots: AllocationSlot[];
  /** slot ids that already hold a booked meeting */
  takenSlotIds: string[];
  /** Each registrant's ranked desks (first = rank 1) and the meetings they already hold. */
  requests: Array<{ registrationId: string; deskIds: string[]; existing: Array<SlotTimes & { deskId: string }> }>;
  /** MEETINGS_PER_REGISTRATION */
  limit: number;
}

export interface Allocation {
  registrationId: string;
  slotId: string;
  deskId: string;
  rank: number;
}

export function registrantOrder(seed: string, registrationIds: string[]): string[] {
  const key = (id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex');
  return [...registrationIds].sort((a, b) => key(a).localeCompare(key(b)) || a.localeCompare(b));
}

export function allocate(input: AllocationInput): Allocation[] {
  const slotsByDesk = new Map<string, AllocationSlot[]>();
  for (const slot of [...input.slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id))) {
    const list = slotsByDesk.get(slot.deskId) ?? [];
    list.push(slot);
    slotsByDesk.set(slot.deskId, list);
  }
  const taken = new Set(input.takenSlotIds);
  const byRegistrant = new Map(input.requests.map((request) => [request.registrationId, request]));
  const held = new Map(input.requests.map((request) => [request.registrationId, [...request.existing]]));
  const order = registrantOrder(input.seed, [...byRegistrant.keys()]);
  const rounds = Math.max(0, ...input.requests.map((request) => request.deskIds.length));
  const result: Allocation[] = [];

  for (let round = 1; round <= rounds; round++) {
    const sequence = round % 2 === 1 ? order : [...order].reverse();
    for (const registrationId of sequence) {
      const request = byRegistrant.get(registrationId)!;
      const deskId = request.deskIds[round - 1];
      const mine = held.get(registrationId)!;
      if (!deskId || mine.length >= input.limit || mine.some((meeting) => meeting.deskId === deskId)) continue;
      const slot = (slotsByDesk.get(deskId) ?? []).find((candidate) => !taken.has(candidate.id) && !mine.some((meeting) => overlaps(meeting, candidate)));
      if (!slot) continue;
      taken.add(slot.id);
      mine.push({ startsAt: slot.startsAt, endsAt: slot.endsAt, deskId });
      result.push({ registrationId, slotId: slot.id, deskId, rank: round });
    }
  }
  return result;
}
