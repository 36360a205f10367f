import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/app-config.js';

/** Someone who clones the repository has only the repository: no file may send them outside it. */
describe('the repository stands alone', () => {
  it('has no file that points outside it (a shared folder beside it, another checkout, this machine)', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((file) => file && !/\.(png|jpe?g|gif|ico|pdf|ttf|woff2?)$|^package-lock\.json$/.test(file));
    const outside = /\.\.\/shared\b|\/work\/(?:shared|main|wt)\b/;
    const offenders = files.filter((file) => {
      try {
        return outside.test(readFileSync(join(PROJECT_ROOT, file), 'utf8'));
      } catch {
        return false; // listed but deleted in the working tree
      }
    });
    expect(offenders).toEqual([]);
  });
});
