import fc from 'fast-check';
import { allocate, type AllocationInput, type AllocationSlot } from './allocation.js';
import { overlaps } from './slots.js';

/**
 * Property tests of the fair allocation: random desks (different slot lengths and windows),
 * random rankings, random meetings booked beforehand, random limits.
 */
const T0 = Date.UTC(2026, 11, 3, 4, 0);
const minute = 60_000;

const inputs = fc
  .record({
    desks: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 8 }), length: fc.constantFrom(10, 15, 20, 30), count: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 6 }),
    registrants: fc.integer({ min: 1, max: 14 }),
    limit: fc.integer({ min: 1, max: 4 }),
    seed: fc.string({ minLength: 1, maxLength: 8 }),
    rankings: fc.array(fc.array(fc.nat(), { maxLength: 6 }), { minLength: 14, maxLength: 14 }),
    taken: fc.array(fc.nat(), { maxLength: 6 }),
  })
  .map(({ desks, registrants, limit, seed, rankings, taken }): AllocationInput => {
    const slots: AllocationSlot[] = desks.flatMap((desk, d) =>
      Array.from({ length: desk.count }, (_, i) => ({
        id: `s${d}-${i}`,
        deskId: `d${d}`,
        startsAt: new Date(T0 + (desk.offset * 5 + i * desk.length) * minute),
        endsAt: new Date(T0 + (desk.offset * 5 + (i + 1) * desk.length) * minute),
      })),
    );
    // Some slots were booked before the round by registrant r0 (at most one per desk, none overlapping).
    const existing: AllocationSlot[] = [];
    for (const index of taken) {
      const slot = slots[index % slots.length];
      if (existing.length < limit && !existing.some((e) => e.deskId === slot.deskId || overlaps(e, slot))) existing.push(slot);
    }
    return {
      seed,
      slots,
      takenSlotIds: existing.map((slot) => slot.id),
      limit,
      requests: Array.from({ length: registrants }, (_, r) => ({
        registrationId: `r${r}`,
        deskIds: [...new Set(rankings[r].map((n) => `d${n % desks.length}`))],
        existing: r === 0 ? existing.map((slot) => ({ startsAt: slot.startsAt, endsAt: slot.endsAt, deskId: slot.deskId })) : [],
      })),
    };
  });

describe('fair allocation', () => {
  it('never double-books a slot, never gives a taken slot, never overlaps or exceeds the limit for a registrant', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = allocate(input);
        const slotIds = result.map((a) => a.slotId);
        expect(new Set(slotIds).size).toBe(slotIds.length);
        for (const id of slotIds) expect(input.takenSlotIds).not.toContain(id);
        const slot = new Map(input.slots.map((s) => [s.id, s]));
        for (const request of input.requests) {
          const mine = [...request.existing, ...result.filter((a) => a.registrationId === request.registrationId).map((a) => slot.get(a.slotId)!)];
          expect(mine.length).toBeLessThanOrEqual(Math.max(input.limit, request.existing.length));
          expect(new Set(mine.map((m) => m.deskId)).size).toBe(mine.length);
          for (let i = 0; i < mine.length; i++) for (let j = i + 1; j < mine.length; j++) expect(overlaps(mine[i], mine[j])).toBe(false);
          // Only desks the registrant asked for, at the rank they gave.
          for (const a of result.filter((x) => x.registrationId === request.registrationId)) expect(request.deskIds[a.rank - 1]).toBe(a.deskId);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is fair: a k-th choice is refused only when every slot of that desk went to a choice ranked k or better (or was taken before), or would clash, or the limit was reached', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = allocate(input);
        const slot = new Map(input.slots.map((s) => [s.id, s]));
        const byslot = new Map(result.map((a) => [a.slotId, a]));
        for (const request of input.requests) {
          const got = result.filter((a) => a.registrationId === request.registrationId);
          request.deskIds.forEach((deskId, index) => {
            const rank = index + 1;
            if (got.some((a) => a.rank === rank)) return;
            // What the registrant held when their k-th choice came up: earlier meetings and choices ranked better.
            const before = [...request.existing, ...got.filter((a) => a.rank < rank).map((a) => slot.get(a.slotId)!)];
            if (before.length >= input.limit || before.some((m) => m.deskId === deskId)) return;
            for (const candidate of input.slots.filter((s) => s.deskId === deskId)) {
              const clashes = before.some((m) => overlaps(m, candidate));
              const holder = byslot.get(candidate.id);
              const takenBefore = input.takenSlotIds.includes(candidate.id);
              // Never lost to someone's later choice.
              expect(clashes || takenBefore || (holder !== undefined && holder.rank <= rank)).toBe(true);
            }
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('everyone who can get a first choice gets one before anyone gets a second: no first choice is lost to a second choice', () => {
    // A small fixed case that shows the idea: one desk with one slot, A ranks it second, B first.
    const slots = [{ id: 'only', deskId: 'X', startsAt: new Date(T0), endsAt: new Date(T0 + 15 * minute) }, { id: 'y1', deskId: 'Y', startsAt: new Date(T0 + 30 * minute), endsAt: new Date(T0 + 45 * minute) }];
    const result = allocate({
      seed: 'seminar',
      slots,
      takenSlotIds: [],
      limit: 3,
      requests: [
        { registrationId: 'A', deskIds: ['Y', 'X'], existing: [] },
        { registrationId: 'B', deskIds: ['X'], existing: [] },
      ],
    });
    expect(result.find((a) => a.slotId === 'only')).toMatchObject({ registrationId: 'B', rank: 1 });
    expect(result.find((a) => a.registrationId === 'A')).toMatchObject({ deskId: 'Y', rank: 1 });
  });

  it('is deterministic: the same input in any order gives the same meetings', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const shuffled = { ...input, slots: [...input.slots].reverse(), requests: [...input.requests].reverse() };
        const key = (list: ReturnType<typeof allocate>) => list.map((a) => `${a.registrationId}:${a.slotId}`).sort();
        expect(key(allocate(shuffled))).toEqual(key(allocate(input)));
      }),
      { numRuns: 100 },
    );
  });
});
