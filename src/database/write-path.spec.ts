import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { isWriteStatement } from './write-path.js';

/**
 * The write path is the only way to change data: this scans src/ and fails on a write API used
 * anywhere but on the `manager` of a write-path transaction. At run time `guardWrites` refuses such a
 * statement too; this catches it before any test has to take that code path.
 *
 * A write is a repository/manager/query-builder call (`save`, `insert`, `update`, `delete`, `upsert`,
 * `remove`, `increment`, …) or `query()` with INSERT/UPDATE/DELETE, made on something that reaches the
 * database (a Repository, DataSource, EntityManager or QueryRunner, or a chain through `getRepository`
 * or `createQueryBuilder`). It is allowed only when the chain starts at a parameter that is a
 * transaction's manager: typed `EntityManager` (a helper the transaction calls), or the parameter of
 * the callback handed to a `…transaction(…)` call that is not the DataSource's own.
 */

const SRC = join(import.meta.dirname, '..');
/** The write path itself, and the migrations, which run at start-up before anything else may write. */
const EXEMPT = [join('database', 'write-path.ts'), join('database', 'migrate.ts')];
const WRITE_METHODS = new Set(['save', 'insert', 'update', 'delete', 'upsert', 'remove', 'softDelete', 'softRemove', 'restore', 'recover', 'increment', 'decrement', 'clear']);
const DATABASE_TYPES = /\b(Repository|DataSource|EntityManager|QueryRunner|TreeRepository)\b/;
const DATABASE_LINKS = new Set(['getRepository', 'createQueryBuilder', 'manager', 'dataSource', 'queryRunner', 'getTreeRepository']);

export interface Bypass {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** The names declared with a database type in this file: parameters, properties, variables. */
function databaseNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if ((ts.isParameter(node) || ts.isPropertyDeclaration(node) || ts.isVariableDeclaration(node)) && node.type && ts.isIdentifier(node.name)) {
      if (DATABASE_TYPES.test(node.type.getText(source))) names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** Walks `a.b().c(x).d` back to `a` (or `this.b`), listing the names passed on the way. */
function chainOf(expression: ts.Expression): { root: ts.Expression; links: string[] } {
  const links: string[] = [];
  let cursor: ts.Expression = expression;
  for (;;) {
    if (ts.isPropertyAccessExpression(cursor)) {
      if (cursor.expression.kind === ts.SyntaxKind.ThisKeyword) return { root: cursor, links: [cursor.name.text, ...links] };
      links.unshift(cursor.name.text);
      cursor = cursor.expression;
    } else if (ts.isCallExpression(cursor) || ts.isNonNullExpression(cursor) || ts.isParenthesizedExpression(cursor) || ts.isAwaitExpression(cursor)) {
      cursor = cursor.expression;
    } else {
      return { root: cursor, links };
    }
  }
}

function rootName(root: ts.Expression): string | null {
  if (ts.isIdentifier(root)) return root.text;
  if (ts.isPropertyAccessExpression(root)) return root.name.text; // this.x
  return null;
}

/** Is `name` a parameter that holds a write-path transaction's manager, where `at` is? */
function isTransactionManager(name: string, at: ts.Node, source: ts.SourceFile): boolean {
  for (let node: ts.Node | undefined = at.parent; node; node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const parameter = node.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
    if (!parameter) continue;
    if (parameter.type) return /^EntityManager$/.test(parameter.type.getText(source));
    // Untyped: the callback of `something.transaction(...)` / `this.ownTransaction(...)`, never the DataSource's.
    const call = node.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node as unknown as ts.Expression)) return false;
    if (!ts.isPropertyAccessExpression(call.expression)) return false;
    const receiver = call.expression.expression.getText(source);
    return /^(transaction|\w+Transaction)$/.test(call.expression.name.text) && !/dataSource|manager|queryRunner/i.test(receiver);
  }
  return false;
}

function staticText(node: ts.Expression | undefined): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  return null;
}

export function findBypasses(file: string, text: string): Bypass[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const typed = databaseNames(source);
  const found: Bypass[] = [];
  const report = (node: ts.Node, why: string) =>
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: node.getText(source).split('\n')[0].slice(0, 100), why });

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'manager' && /dataSource/i.test(node.expression.getText(source))) {
      report(node, 'the DataSource manager is outside every transaction');
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'createQueryRunner' || method === 'createEntityManager') report(node, 'a connection or manager of its own is outside the write path');
      const isWrite = WRITE_METHODS.has(method) || (method === 'query' && isWriteStatement(staticText(node.arguments[0]) ?? ''));
      if (isWrite) {
        const { root, links } = chainOf(node.expression.expression);
        const name = rootName(root);
        const reachesDatabase = (name !== null && (typed.has(name) || name === 'manager')) || links.some((link) => DATABASE_LINKS.has(link));
        if (reachesDatabase && !(name !== null && ts.isIdentifier(root) && isTransactionManager(name, node, source))) {
          report(node, `${method}() outside a write-path transaction's manager`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.includes('migrations'))
    .map((file) => join(dir, file));
}

describe('one write path', () => {
  it('src/ writes only through a write-path transaction', () => {
    const bypasses = sourceFiles(SRC)
      .filter((file) => !EXEMPT.some((exempt) => file.endsWith(exempt)))
      .flatMap((file) => findBypasses(relative(SRC, file), readFileSync(file, 'utf8')));
    expect(bypasses.map((bypass) => `${bypass.file}:${bypass.line} ${bypass.why}: ${bypass.text}`)).toEqual([]);
  });

  it('the scan catches each way around it', () => {
    const bad = `
      class Accounts {
        constructor(private readonly accounts: Repository<Account>, private readonly dataSource: DataSource, private readonly writePath: WritePath) {}
        a(id: string) { return this.accounts.update(id, { disabled: true }); }
        b() { return this.dataSource.createQueryBuilder().insert().into(AppSetting).values({}).execute(); }
        c() { return this.dataSource.query('DELETE FROM account'); }
        d() { return this.dataSource.manager.save(thing); }
        e() { return this.dataSource.transaction((manager) => manager.update(Account, {}, {})); }
        f() { return this.writePath.transaction(async () => this.accounts.save(thing)); }
        g(manager: EntityManager) { return this.dataSource.getRepository(Account).delete({}); }
      }`;
    expect(findBypasses('bad.ts', bad).map((bypass) => bypass.line)).toEqual([4, 5, 6, 7, 7, 8, 9, 10]);
  });

  it('leaves alone writes on a transaction manager, reads, and maps', () => {
    const good = `
      class Fine {
        constructor(private readonly accounts: Repository<Account>, private readonly writePath: WritePath, private readonly dataSource: DataSource) {}
        a() { return this.writePath.transaction((manager) => manager.update(Account, {}, {})); }
        b(manager: EntityManager) { return manager.createQueryBuilder().insert().into(Account).values({}).execute(); }
        c() { return this.ownTransaction(async (manager) => manager.getRepository(Account).delete({})); }
        d() { return this.accounts.find(); }
        e() { this.cache.delete('key'); createHash('sha256').update('x'); return this.dataSource.query('SELECT 1'); }
      }`;
    expect(findBypasses('good.ts', good)).toEqual([]);
  });
});
