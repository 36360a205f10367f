import { RushShare } from './outbox.worker.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RushShare (the mail worker during a rush of writes)', () => {
  it('never holds the worker back while nothing else is writing', async () => {
    const share = new RushShare(() => false, 0.25, 100);
    share.spent(1_000_000);
    await share.turn();
  });

  it('lets the worker render within its share of a rush, then holds it back until the rush ends', async () => {
    let rush = true;
    // A window of a minute: the share cannot come back by itself while the test runs.
    const share = new RushShare(() => rush, 0.25, 60_000);
    await share.turn();
    share.spent(10_000);
    await share.turn(); // 10 s of a 15 s share: still its turn
    share.spent(10_000);
    let passed = false;
    const waiting = share.turn().then(() => (passed = true));
    await tick(50);
    expect(passed).toBe(false);
    rush = false;
    await waiting;
    expect(passed).toBe(true);
  });

  it('keeps all but the first senders waiting during a rush, and lets them go when the round has no rows left', async () => {
    let rush = true;
    let rowsLeft = true;
    const share = new RushShare(() => rush, 0.25, 60_000, 2);
    await share.turn(1, () => !rowsLeft);
    let third = false;
    const waiting = share.turn(2, () => !rowsLeft).then(() => (third = true));
    await tick(50);
    expect(third).toBe(false);
    rowsLeft = false;
    await waiting;
    expect(third).toBe(true);
    rush = false;
    await share.turn(5);
  });

  it('takes a rush for over only after quietMs without one, not at a moment of quiet in it', async () => {
    let rush = true;
    const share = new RushShare(() => rush, 0.5, 100, 1, 200);
    let passed = false;
    // The second sender waits while the rush lasts.
    const waiting = share.turn(1).then(() => (passed = true));
    await tick(30);
    rush = false;
    await tick(60);
    rush = true; // the write path was only empty for a moment
    await tick(60);
    rush = false;
    await tick(100);
    expect(passed).toBe(false); // 100 ms since the rush was last seen
    await waiting;
    expect(passed).toBe(true);
  });

  it('books what emails have been costing when a sender starts, so senders starting together share the window', async () => {
    const share = new RushShare(() => true, 0.5, 100, 5, 0);
    for (let index = 0; index < 10; index++) share.spent(100); // emails have been taking ~90 ms lately
    const booked = await share.turn(0); // the next window: 0 of its 50 ms used, so the first sender goes
    expect(booked).toBeGreaterThan(80);
    let second = false;
    const waiting = share.turn(1).then(() => (second = true));
    await tick(20);
    expect(second).toBe(false); // the first sender's booking fills the window
    share.spent(10, booked); // it took 10 ms: the rest of its booking is given back
    await tick(20);
    expect(second).toBe(true);
    await waiting;
  });
});
