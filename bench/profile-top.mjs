#!/usr/bin/env node
// Summarises a V8 .cpuprofile (node --cpu-prof, `npm run bench -- --profile`):
// `node bench/profile-top.mjs <file> [--top 25] [--match signUp,requestId]` prints self time by
// function, by package, and the inclusive time of the functions whose names match. With
// `--case signups`, only the samples taken while the bench measured that case (windows-<pid>.json).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, match: { type: 'string' }, case: { type: 'string' } } });
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
if (args.case) {
  const pid = basename(positionals[0]).split('.')[3];
  const windowsFile = join(dirname(positionals[0]), `windows-${pid}.json`);
  if (!existsSync(windowsFile)) throw new Error(`no ${windowsFile}: run the bench with --profile`);
  const window = JSON.parse(readFileSync(windowsFile, 'utf8'))[args.case];
  if (!window) throw new Error(`no case ${args.case} in ${windowsFile}`);
  // Keep only the samples inside the window (timeDeltas are relative to the previous sample).
  let at = profile.startTime;
  const samples = [];
  const deltas = [];
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index];
    if (at >= window[0] && at <= window[1]) {
      samples.push(id);
      deltas.push(profile.timeDeltas[index]);
    }
  });
  profile.samples = samples;
  profile.timeDeltas = deltas;
}
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (deltas[index] ?? 0)));
const total = [...self.values()].reduce((sum, value) => sum + value, 0);
const idle = [...self].filter(([id]) => ['(idle)', '(program)'].includes(nodes.get(id).callFrame.functionName)).reduce((sum, [, value]) => sum + value, 0);
const busy = total - idle;
const pct = (value) => `${((100 * value) / busy).toFixed(1)}%`.padStart(6);

function where(frame) {
  const url = frame.url.replace(/^file:\/\//, '');
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 13).split('/').slice(0, url.slice(modules + 13).startsWith('@') ? 2 : 1).join('/');
  if (url.includes('/dist/')) return `app:${url.slice(url.indexOf('/dist/') + 6)}`;
  return url.startsWith('node:') ? 'node' : url || '(native)';
}

const byFunction = new Map();
const byPackage = new Map();
for (const [id, time] of self) {
  const frame = nodes.get(id).callFrame;
  if (['(idle)', '(program)'].includes(frame.functionName)) continue;
  const name = `${frame.functionName || '(anonymous)'} ${where(frame)}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + time);
  byPackage.set(where(frame), (byPackage.get(where(frame)) ?? 0) + time);
}
const top = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top));
console.log(`busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled (${((100 * busy) / total).toFixed(0)}%)\n\nself time by function:`);
for (const [name, time] of top(byFunction)) console.log(`${pct(time)}  ${name}`);
console.log('\nself time by package or file:');
for (const [name, time] of top(byPackage)) console.log(`${pct(time)}  ${name}`);

// Inclusive time of the app's own functions (dist/): where the time goes, by caller.
const inclusiveApp = new Map();
profile.samples.forEach((id, index) => {
  const seen = new Set();
  for (let cursor = id; cursor !== undefined; cursor = parent.get(cursor)) {
    const frame = nodes.get(cursor).callFrame;
    if (!frame.url.includes('/dist/')) continue;
    const name = `${frame.functionName || '(anonymous)'} ${where(frame)}:${frame.lineNumber + 1}`;
    if (seen.has(name)) continue;
    seen.add(name);
    inclusiveApp.set(name, (inclusiveApp.get(name) ?? 0) + (deltas[index] ?? 0));
  }
});
console.log('\ninclusive time of the app\'s functions:');
for (const [name, time] of top(inclusiveApp)) console.log(`${pct(time)}  ${name}`);

if (args.match) {
  console.log('\ninclusive time (a frame counted once per sample):');
  for (const pattern of args.match.split(',')) {
    let inclusive = 0;
    profile.samples.forEach((id, index) => {
      for (let cursor = id; cursor !== undefined; cursor = parent.get(cursor)) {
        if (nodes.get(cursor).callFrame.functionName === pattern) {
          inclusive += deltas[index] ?? 0;
          break;
        }
      }
    });
    console.log(`${pct(inclusive)}  ${pattern}`);
  }
}
