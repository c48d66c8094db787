import { validateSync } from 'class-validator';
import { ApiError, MAX_DETAILS, ProblemDetail } from '../http/api-error';
import { Check, compileValidity } from './compiled-validity';
import { toProblems } from './problems';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

const compiled = new Map<new () => object, Check>();

/**
 * Validates `{ [key]: Item[] }` with the item class's class-validator rules. Items are checked in
 * place (no copy) by a check compiled from the same metadata; only an item that
 * fails goes through validateSync, to word its problems. `extra` adds the domain's cross-field
 * rules, and sees only values that passed their type checks. Every problem of the request is
 * counted; the first MAX_PROBLEMS are listed.
 */
export function validateBatch<T extends object>(
  body: unknown,
  key: string,
  itemClass: new () => T,
  maxItems: number,
  extra: (item: T, path: string) => ProblemDetail[] = () => [],
): T[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw ApiError.validation([{ path: '', problem: `body must be a JSON object with "${key}"` }]);
  }
  const problems = new ProblemList();
  for (const k in body) if (k !== key) problems.add({ path: k, problem: 'unknown field' });
  const items = (body as Record<string, unknown>)[key];
  if (!Array.isArray(items)) {
    problems.add({ path: key, problem: 'must be an array' });
    throw problems.error();
  }
  if (items.length < 1 || items.length > maxItems) {
    problems.add({ path: key, problem: `must hold 1 to ${maxItems} items, got ${items.length}` });
    throw problems.error();
  }
  const valid = compiled.get(itemClass) ?? compiled.set(itemClass, compileValidity(itemClass)).get(itemClass)!;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const path = `${key}[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.add({ path, problem: 'must be an object' });
      continue;
    }
    dropNulls(item as Record<string, unknown>);
    if (valid(item as Record<string, unknown>)) {
      for (const p of extra(item as T, path)) problems.add(p);
      continue;
    }
    itemProblems(item as Record<string, unknown>, itemClass, valid.known, path, extra, problems);
  }
  if (problems.count) throw problems.error();
  return items as T[];
}

/**
 * Words the problems of an item that failed the compiled check. Unknown fields are listed here,
 * not by validateSync, which would build an error object for each of a million junk keys. The
 * domain rules then run on a copy without the fields that failed, so they never touch a value of
 * the wrong type.
 */
function itemProblems<T extends object>(
  item: Record<string, unknown>,
  itemClass: new () => T,
  known: ReadonlySet<string>,
  path: string,
  extra: (item: T, path: string) => ProblemDetail[],
  problems: ProblemList,
): void {
  for (const k in item) {
    if (known.has(k)) continue;
    problems.add({ path: `${path}.${k}`, problem: 'unknown field' });
    delete item[k];
  }
  Object.setPrototypeOf(item, itemClass.prototype); // validateSync finds the rules by prototype
  const found = toProblems(validateSync(item, OPTIONS), path);
  const failed = new Set(found.map((p) => p.path));
  const checked: Record<string, unknown> = {};
  for (const k in item) if (!failed.has(`${path}.${k}`)) checked[k] = item[k];
  for (const p of found) problems.add(p);
  for (const p of extra(checked as T, path)) if (!failed.has(p.path)) problems.add(p);
}

/**
 * Counts every problem, keeps the first MAX_DETAILS: a 10,000-item batch of garbage needs no
 * 150,000-line answer, and a million junk keys no million-entry list in memory.
 */
class ProblemList {
  private readonly listed: ProblemDetail[] = [];
  count = 0;

  add(p: ProblemDetail): void {
    if (this.count++ < MAX_DETAILS) this.listed.push(p);
  }

  error(): ApiError {
    return ApiError.validation(this.listed, this.count);
  }
}

/** docs/definitions.md "Contact events": an optional field sent as null is absent. */
function dropNulls(o: Record<string, unknown>): void {
  for (const k in o) if (o[k] === null) delete o[k];
}
