import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Mail renders and sends what features hand it; it never reaches into a feature. */
describe('mail/ imports', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  // accounts (the role guard), audit (who resent what) and console (the console pages' layout helper)
  // are shared infrastructure, not features.
  const allowed = new Set(['calendar', 'common', 'config', 'database', 'i18n', 'accounts', 'audit', 'console', 'mail']);

  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [join(dir, entry.name)] : [],
    );
  }

  it('name no feature module (no entity, no service)', () => {
    const offending: string[] = [];
    for (const file of files(here)) {
      for (const [, path] of readFileSync(file, 'utf8').matchAll(/from '(\.\.?\/[^']+)'/g)) {
        const target = join(dirname(file), path);
        const area = target.slice(join(here, '..').length + 1).split('/')[0];
        if (!allowed.has(area)) offending.push(`${file.slice(here.length + 1)} -> ${path}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
