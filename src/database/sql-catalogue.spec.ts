import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderStatement, SQL_CATALOGUE } from './sql-catalogue';

const ROOT = join(__dirname, '..', '..', 'sql');
const HINT = 'the SQL a builder produces changed: run `npm run sql:render` and commit sql/';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [relative(ROOT, join(dir, e.name))],
  );
}

describe('sql/: every statement the service runs, as checked in', () => {
  it('names each statement once', () => {
    const names = SQL_CATALOGUE.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(SQL_CATALOGUE.map((s) => [s.name, s] as const))('%s.sql is up to date', (name, statement) => {
    const file = join(ROOT, `${name}.sql`);
    if (!existsSync(file)) throw new Error(`sql/${name}.sql is missing: ${HINT}`);
    const rendered = renderStatement(statement);
    if (readFileSync(file, 'utf8') !== rendered) {
      throw new Error(`sql/${name}.sql differs from its builder: ${HINT}\n\nThe builder now gives:\n${rendered}`);
    }
  });

  it('holds no file of a statement no longer run', () => {
    const expected = new Set(SQL_CATALOGUE.map((s) => `${s.name}.sql`));
    const stale = filesUnder(ROOT).filter((f) => !expected.has(f));
    if (stale.length) throw new Error(`sql/ holds ${stale.join(', ')}: ${HINT}`);
  });

  it('numbers the parameters it names exactly as the SQL uses them', () => {
    for (const s of SQL_CATALOGUE) {
      const used = Math.max(0, ...[...s.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      expect({ name: s.name, params: s.params?.length ?? 0 }).toEqual({ name: s.name, params: used });
    }
  });
});
