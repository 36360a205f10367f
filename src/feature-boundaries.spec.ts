import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Each feature folder's `index.ts` is its public surface: another feature (or app.module.ts) imports
 * it only through `../<feature>/index.js`, never a file inside it. The shared folders below are
 * infrastructure, not features: anyone imports their files. Two more rules keep the indexes safe to
 * load under ESM: an index re-exports only its own folder, and no two features import each other's
 * values in a circle (an index loads its whole feature, so a circle meets a class before its
 * definition ran: "Cannot access 'X' before initialization").
 */
const SHARED = new Set(['common', 'config', 'database', 'i18n', 'calendar']);
/** The entity list TypeORM reads; it names every entity file and loads no module. */
const ENTITY_LIST = 'database/entities.ts';

interface Import {
  path: string;
  /** False for `import type` and for imports whose names are all `type`: they vanish from the build. */
  value: boolean;
  reexport: boolean;
}

function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const [, keyword, clause, path] of text.matchAll(/^(import|export)\s+([^;]*?)\s*from\s+'(\.\.?\/[^']+)'/gms)) {
    const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1].split(',').map((name) => name.trim()).filter(Boolean);
    const typeOnly = clause.startsWith('type ') || (!!names?.length && names.every((name) => name.startsWith('type ')));
    found.push({ path, value: !typeOnly, reexport: keyword === 'export' });
  }
  for (const [, path] of text.matchAll(/import\(\s*'(\.\.?\/[^']+)'\s*\)/g)) found.push({ path, value: true, reexport: false });
  return found;
}

/** `file` is relative to src/ (`outcomes/funnel-chart.ts`); answers each import that breaks a rule. */
export function boundaryViolations(file: string, text: string, features: ReadonlySet<string>): string[] {
  const own = file.includes('/') ? file.split('/')[0] : null;
  const offending: string[] = [];
  for (const { path, reexport } of importsOf(text)) {
    const target = posix.normalize(posix.join(posix.dirname(file), path.replace(/\.js$/, '.ts')));
    const area = target.split('/')[0];
    if (reexport && posix.basename(file) === 'index.ts' && own && area !== own) offending.push(`${file} -> ${path} (an index re-exports only its own folder)`);
    if (!features.has(area) || area === own) continue;
    if (target === `${area}/index.ts`) continue;
    if (file === ENTITY_LIST && target.endsWith('.entity.ts')) continue;
    offending.push(`${file} -> ${path}`);
  }
  return offending;
}

/** Feature -> the features whose values it imports (type-only imports are left out unless asked for). */
export function featureGraph(sources: ReadonlyMap<string, string>, features: ReadonlySet<string>, withTypes = false): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [file, text] of sources) {
    const own = file.split('/')[0];
    if (!features.has(own) || file === ENTITY_LIST) continue;
    for (const { path, value } of importsOf(text)) {
      const area = posix.normalize(posix.join(posix.dirname(file), path)).split('/')[0];
      if ((value || withTypes) && features.has(area) && area !== own) graph.set(own, (graph.get(own) ?? new Set()).add(area));
    }
  }
  return graph;
}

/** A circle of features (`a -> b -> a`), or null. */
export function featureCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string): string | null => {
    if (path.includes(node)) return [...path.slice(path.indexOf(node)), node].join(' -> ');
    if (done.has(node)) return null;
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(node);
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('feature boundaries', () => {
  const src = dirname(fileURLToPath(import.meta.url));
  const features = new Set(
    readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !SHARED.has(entry.name))
      .map((entry) => entry.name),
  );
  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
    );
  }
  const sources = new Map(files(src).map((file) => [relative(src, file).split('\\').join('/'), readFileSync(file, 'utf8')]));

  describe('the detector', () => {
    const known = new Set(['attendance', 'outcomes', 'registrations', 'seminars']);

    it('flags a file inside another feature, a type import included', () => {
      expect(boundaryViolations('outcomes/funnel-chart.ts', "import { escapeXml } from '../attendance/charts.js';", known)).toEqual([
        'outcomes/funnel-chart.ts -> ../attendance/charts.js',
      ]);
      expect(boundaryViolations('outcomes/dto/x.ts', "import type {\n  Seminar,\n} from '../../seminars/seminar.entity.js';", known)).toHaveLength(1);
      expect(boundaryViolations('app.module.ts', "export { RegistrationsModule } from './registrations/registrations.module.js';", known)).toHaveLength(1);
      expect(boundaryViolations('common/x.ts', "const { a } = await import('../seminars/seminar-rules.js');", known)).toHaveLength(1);
    });

    it('lets through an index, its own folder and the shared folders', () => {
      const text = [
        "import { ReportsService } from '../attendance/index.js';",
        "import type { Seminar } from '../seminars/index.js';",
        "import { toCompanyView } from './registration.view.js';",
        "import { escapeXml } from '../common/charts.js';",
        "import { WritePath } from '../database/write-path.js';",
      ].join('\n');
      expect(boundaryViolations('registrations/registrations.service.ts', text, known)).toEqual([]);
      expect(boundaryViolations(ENTITY_LIST, "import { Seminar } from '../seminars/seminar.entity.js';", known)).toEqual([]);
      expect(boundaryViolations(ENTITY_LIST, "import { SeminarsService } from '../seminars/seminars.service.js';", known)).toHaveLength(1);
    });

    it('flags an index that re-exports another feature', () => {
      expect(boundaryViolations('outcomes/index.ts', "export { Seminar } from '../seminars/index.js';", known)).toHaveLength(1);
    });

    it('finds a circle of value imports and ignores type-only ones', () => {
      const circle = new Map([
        ['registrations/a.ts', "import { describeCodes } from '../outcomes/index.js';"],
        ['outcomes/b.ts', "import { RegistrationsService } from '../registrations/index.js';"],
      ]);
      expect(featureCycle(featureGraph(circle, known))).toBe('registrations -> outcomes -> registrations');
      circle.set('registrations/a.ts', "import { type UnspscMatch } from '../outcomes/index.js';\nimport type { X } from '../outcomes/index.js';");
      expect(featureCycle(featureGraph(circle, known))).toBeNull();
    });
  });

  it('every feature has an index.ts', () => {
    expect([...features].filter((feature) => !existsSync(join(src, feature, 'index.ts')))).toEqual([]);
  });

  it('no file imports another feature other than through its index', () => {
    expect([...sources].flatMap(([file, text]) => boundaryViolations(file, text, features))).toEqual([]);
  });

  it('no features import each other in a circle', () => {
    expect(featureCycle(featureGraph(sources, features))).toBeNull();
  });

  it('mail names no feature but accounts (the role guard) and audit', () => {
    const graph = featureGraph(sources, features, true);
    expect([...(graph.get('mail') ?? [])].filter((feature) => feature !== 'accounts' && feature !== 'audit')).toEqual([]);
  });
});
