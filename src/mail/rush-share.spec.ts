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
});
