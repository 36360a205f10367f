/** Pure slot arithmetic: cutting a desk's window, and deciding what a re-cut does to its meetings. */

export interface SlotTimes {
  startsAt: Date;
  endsAt: Date;
}

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 120;
/** A desk's window is cut into at most this many slots (a long day of 5-minute slots). */
export const MAX_SLOTS_PER_DESK = 200;

/** Equal slots from the start of the window; a remainder shorter than one slot is left unused. */
export function cutSlots(startsAt: Date, endsAt: Date, slotMinutes: number): SlotTimes[] {
  const length = slotMinutes * 60_000;
  const slots: SlotTimes[] = [];
  for (let start = startsAt.getTime(); start + length <= endsAt.getTime() && slots.length < MAX_SLOTS_PER_DESK; start += length) {
    slots.push({ startsAt: new Date(start), endsAt: new Date(start + length) });
  }
  return slots;
}

/** How many slots a window holds, without making them. */
export function slotCount(startsAt: Date, endsAt: Date, slotMinutes: number): number {
  return Math.max(0, Math.floor((endsAt.getTime() - startsAt.getTime()) / (slotMinutes * 60_000)));
}

/**
 * A desk window moved with its seminar: shifted by as much as the seminar's start moved, then
 * clipped to the seminar's new times (which may leave fewer slots, or none).
 */
export function shiftWindow(window: SlotTimes, shiftMs: number, seminar: SlotTimes): SlotTimes {
  const startsAt = new Date(Math.max(window.startsAt.getTime() + shiftMs, seminar.startsAt.getTime()));
  const endsAt = new Date(Math.min(window.endsAt.getTime() + shiftMs, seminar.endsAt.getTime()));
  return endsAt > startsAt ? { startsAt, endsAt } : { startsAt, endsAt: startsAt };
}

export function overlaps(a: SlotTimes, b: SlotTimes): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}
