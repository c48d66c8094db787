/**
 * `npm run sql:render`: writes every catalogued statement to sql/<name>.sql (and removes files of
 * statements no longer catalogued), so a change to a query builder shows up as an SQL diff.
 */
import 'reflect-metadata';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderStatement, SQL_CATALOGUE } from '../database/sql-catalogue';

const root = join(process.cwd(), 'sql');
rmSync(root, { recursive: true, force: true });
for (const statement of SQL_CATALOGUE) {
  const file = join(root, `${statement.name}.sql`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderStatement(statement));
}
console.log(`wrote ${SQL_CATALOGUE.length} statements to sql/`);
