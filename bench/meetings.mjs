import autocannon from 'autocannon';

// The meetings case of `npm run bench` (`--only meetings`): 50 connections booking one-to-one
// meetings with agency desks through POST /api/registrations/:token/meetings. Kept in its own file
// so bench.mjs only calls it.
//
// Set-up: one seminar, 30 desks of 48 five-minute slots, 300 confirmed registrants. Each registrant
// has a plan of 3 meetings (the default MEETINGS_PER_REGISTRATION) at 3 desks and 3 distinct times,
// and no two plans share a slot: 900 bookings that can all succeed. The requests go through the plan
// in a shuffled order and then around it again, when every answer must be 409 (taken): a fixed
// number of requests (2 × 900, autocannon's `amount`), so every answer is counted. Exact results:
// 900 answers 201 and 900 answer 409, the 201s equal the booked meetings stored, every stored
// meeting is a planned one, no slot holds two, nobody holds more than 3 or overlapping ones.
// Before it, the same is done unmeasured on a warm-up seminar half the size, and its emails are sent.
// MEETINGS_SPLIT=1 measures the two passes as two bursts (meetings-201s, meetings-409s), each with its
// app CPU per request, and checks the same exact results.

const DESKS = 30;
const SLOTS = 48;
const PEOPLE = 300;
const PER_PERSON = 3;
/** The warm-up seminar: half the measured one, booked the same way first and not counted. */
const WARMUP_DESKS = 15;
const WARMUP_PEOPLE = 150;

export async function benchMeetings({ base, token, run, health, createSeminar, json, bodies }) {
  // Like every other case, the measured burst starts on warm code: the booking path's first few
  // hundred requests run unoptimised JavaScript, and the measured burst is only 1,800 requests.
  // The warm-up's emails are sent before the measured burst starts, so they do not share its CPU.
  const warmup = await prepare({ base, token, createSeminar, json, bodies, title: 'Bench: meetings warm-up', desks: WARMUP_DESKS, people: WARMUP_PEOPLE });
  await fire(base, warmup.plan);
  await outboxEmpty(base, token, json);

  const { seminar, plan, planned } = await prepare({ base, token, createSeminar, json, bodies, title: 'Bench: meetings', desks: DESKS, people: PEOPLE });
  await outboxEmpty(base, token, json);
  const answers = { 201: 0, 409: 0, other: 0 };
  const count = (status) => {
    if (status === 201 || status === 409) answers[status] += 1;
    else answers.other += 1;
  };
  let result;
  if (process.env.MEETINGS_SPLIT === '1') {
    // Each pass as a burst of its own, to tell the CPU of a booking (201) from a refusal (409). The
    // rate of the two bursts is not the case's rate (each starts and ends with connections idle), so
    // no ratio to health is given and the target is not checked; the results are, exactly as always.
    await run('meetings-201s', { ...bookings(base, plan, count), amount: plan.length }, { noWarmup: true });
    result = await run('meetings-409s', { ...bookings(base, plan, count), amount: plan.length }, { noWarmup: true });
  } else {
    result = await run('meetings', bookings(base, plan, count), { noWarmup: true });
  }

  // During a rush the worker gives emails only a share of the time (RushShare): how long after the burst
  // the last of its booking emails left, so what the bookings gained is seen beside what the emails waited.
  const burstEnded = Date.now();
  await outboxEmpty(base, token, json);
  const mailDrainSec = process.env.MAIL_WORKER === 'off' ? null : Math.round((Date.now() - burstEnded) / 100) / 10;

  const stored = (await json(`${base}/api/seminars/${seminar.id}/meetings`, token)).filter((meeting) => meeting.status === 'booked');
  const perPerson = new Map();
  for (const meeting of stored) perPerson.set(meeting.registrationId, [...(perPerson.get(meeting.registrationId) ?? []), meeting]);
  const overlapping = [...perPerson.values()].some((list) => list.some((a, i) => list.some((b, k) => k > i && a.startsAt < b.endsAt && b.startsAt < a.endsAt)));
  const checks = {
    answered201: answers[201],
    answered409: answers[409],
    otherAnswers: answers.other,
    storedMeetings: stored.length,
    allPlanned: stored.every((meeting) => planned.has(`${meeting.registrationId}:${meeting.slotId}`)),
    oneMeetingPerSlot: new Set(stored.map((meeting) => meeting.slotId)).size === stored.length,
    withinLimit: [...perPerson.values()].every((list) => list.length <= PER_PERSON),
    noOverlap: !overlapping,
  };
  result.meetings = checks;
  result.meetingsMailDrainSec = mailDrainSec;
  result.meetingsOk =
    checks.answered201 === plan.length &&
    checks.answered409 === plan.length &&
    checks.answered201 === checks.storedMeetings &&
    checks.otherAnswers === 0 &&
    checks.allPlanned &&
    checks.oneMeetingPerSlot &&
    checks.withinLimit &&
    checks.noOverlap;
  if (result.name !== 'meetings') {
    console.log(`  meetings: ${JSON.stringify(checks)} exact=${result.meetingsOk}`);
    return result;
  }
  result.ratioToHealth = health ? Math.round((result.requestsPerSec / health.requestsPerSec) * 100) / 100 : null;
  // The app is CPU-bound on one thread, so health's CPU per request over a booking's is the ratio
  // the rates would have on a quiet machine; on a shared one it moves far less than req/s does.
  result.cpuRatioToHealth = health?.cpuMsPerRequest && result.cpuMsPerRequest ? Math.round((health.cpuMsPerRequest / result.cpuMsPerRequest) * 100) / 100 : null;
  console.log(`  meetings: ${JSON.stringify(checks)} exact=${result.meetingsOk} ratio=${result.ratioToHealth}× health; by CPU per request ${result.cpuRatioToHealth}× health; emails all sent ${mailDrainSec ?? '—'} s after the burst`);
  return result;
}

/** Manage tokens are not stored; the bench reads them from the confirmation emails in the outbox. */
/**
 * One seminar with `desks` desks of 48 five-minute slots and `people` confirmed registrants, each with
 * a plan of 3 meetings at 3 desks and 3 distinct times, no two plans sharing a slot.
 */
async function prepare({ base, token, createSeminar, json, bodies, title, desks: deskCount, people }) {
  const seminar = await createSeminar(base, token, { title, capacity: 10_000 });
  const post = async (path, body, auth = true) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const desks = [];
  for (let index = 0; index < deskCount; index++) {
    desks.push(await post(`/api/seminars/${seminar.id}/desks`, { agency: ['UNDP', 'UNICEF', 'UNOPS', 'UNPD', 'WFP', 'UNHCR'][index % 6], table: `Table ${index + 1}`, startsAt: seminar.startsAt, endsAt: seminar.endsAt, slotMinutes: 5 }));
  }
  if (desks.some((desk) => desk.slots.length !== SLOTS)) throw new Error('meetings bench: unexpected slot count');
  const registrationIds = [];
  for (let index = 0; index < people; index++) registrationIds.push((await post(`/api/seminars/${seminar.id}/registrations`, JSON.parse(bodies()), false)).id);
  const tokens = await manageTokens(base, token, new Set(registrationIds), json);

  // Registrant r = D·q + m gets desk (m + (D/3)·j) mod D at slot q + 16j, j = 0..2 (D a multiple of 3,
  // people ≤ 16·D): distinct times, no shared slot.
  const plan = [];
  registrationIds.forEach((id, r) => {
    const q = Math.floor(r / deskCount);
    const m = r % deskCount;
    for (let j = 0; j < PER_PERSON; j++) plan.push({ token: tokens.get(id), registrationId: id, slotId: desks[(m + (deskCount / PER_PERSON) * j) % deskCount].slots[q + 16 * j].id });
  });
  shuffle(plan);
  return { seminar, plan, planned: new Set(plan.map((entry) => `${entry.registrationId}:${entry.slotId}`)) };
}

/**
 * Autocannon options that go through `plan` once, booking each meeting, and then again (each a 409):
 * a fixed number of requests, so every answer is counted.
 */
function bookings(base, plan, onResponse) {
  let next = 0;
  return {
    url: base,
    amount: plan.length * 2,
    // autocannon notices the last answer at its next sample; at its default of 1 s that rounded the
    // burst's duration up to whole seconds.
    sampleInt: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const entry = plan[next++ % plan.length];
          return { ...request, path: `/api/registrations/${entry.token}/meetings`, body: JSON.stringify({ slotId: entry.slotId }) };
        },
        onResponse,
      },
    ],
  };
}

/** The warm-up: the same bookings, unmeasured. */
async function fire(base, plan) {
  const result = await autocannon({ ...bookings(base, plan, () => undefined), connections: 50 });
  const created = result.statusCodeStats?.['201']?.count ?? 0;
  if (created !== plan.length) throw new Error(`meetings bench warm-up: ${created} of ${plan.length} bookings answered 201`);
}

/**
 * Waits until the outbox has nothing queued (the set-up's and warm-up's emails are sent). With
 * MAIL_WORKER=off (passed on to the app) nothing is sent: the bench then measures the booking alone.
 */
async function outboxEmpty(base, token, json) {
  if (process.env.MAIL_WORKER === 'off') return;
  const deadline = Date.now() + 120_000;
  while ((await json(`${base}/api/outbox?status=queued&limit=1`, token)).length > 0) {
    if (Date.now() > deadline) throw new Error('meetings bench: the outbox did not empty within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function manageTokens(base, token, wanted, json) {
  const found = new Map();
  const deadline = Date.now() + 60_000;
  while (found.size < wanted.size) {
    if (Date.now() > deadline) throw new Error(`meetings bench: found ${found.size} of ${wanted.size} manage links`);
    const rows = await json(`${base}/api/outbox?limit=500`, token);
    for (const row of rows) {
      if (!wanted.has(row.registrationId) || found.has(row.registrationId) || row.kind !== 'confirmation') continue;
      const email = await json(`${base}/api/outbox/${row.id}`, token);
      const match = /\/r\/([A-Za-z0-9_-]{43})/.exec(`${email.text ?? ''} ${email.html ?? ''} ${JSON.stringify(email.data ?? '')}`);
      if (match) found.set(row.registrationId, match[1]);
    }
    if (found.size < wanted.size) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return found;
}

function shuffle(list) {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  for (let index = list.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [list[index], list[other]] = [list[other], list[index]];
  }
}
