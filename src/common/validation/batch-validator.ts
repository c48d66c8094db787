import { validateSync } from 'class-validator';
import { ApiError, ProblemDetail } from '../http/api-error';
import { compileValidity } from './compiled-validity';
import { toProblems } from './problems';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;
/** More than this many problems are summarised: a 10,000-item batch of garbage needs no 150,000-line answer. */
const MAX_PROBLEMS = 1000;

const compiled = new Map<new () => object, (o: Record<string, unknown>) => boolean>();

/**
 * Validates `{ [key]: Item[] }` with the item class's class-validator rules. Items are checked in
 * place (no copy) by a check compiled from the same metadata; only an item that
 * fails goes through validateSync, to word its problems. `extra` adds the domain's cross-field
 * rules; every problem of the request is reported.
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
  const problems: ProblemDetail[] = Object.keys(body)
    .filter((k) => k !== key)
    .map((k) => ({ path: k, problem: 'unknown field' }));
  const items = (body as Record<string, unknown>)[key];
  if (!Array.isArray(items)) {
    problems.push({ path: key, problem: 'must be an array' });
    throw ApiError.validation(problems);
  }
  if (items.length < 1 || items.length > maxItems) {
    problems.push({ path: key, problem: `must hold 1 to ${maxItems} items, got ${items.length}` });
    throw ApiError.validation(problems);
  }
  const valid = compiled.get(itemClass) ?? compiled.set(itemClass, compileValidity(itemClass)).get(itemClass)!;
  for (let i = 0; i < items.length && problems.length < MAX_PROBLEMS; i++) {
    const item = items[i];
    const path = `${key}[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ path, problem: 'must be an object' });
      continue;
    }
    dropNulls(item as Record<string, unknown>);
    const domain = extra(item as T, path);
    if (valid(item as Record<string, unknown>)) {
      for (const p of domain) problems.push(p);
      continue;
    }
    Object.setPrototypeOf(item, itemClass.prototype); // validateSync finds the rules by prototype
    const found = toProblems(validateSync(item, OPTIONS), path);
    const seen = new Set(found.map((p) => p.path));
    problems.push(...found, ...domain.filter((p) => !seen.has(p.path)));
  }
  if (problems.length >= MAX_PROBLEMS) problems.push({ path: key, problem: `more problems not listed (stopped at ${MAX_PROBLEMS})` });
  if (problems.length) throw ApiError.validation(problems);
  return items as T[];
}

/** docs/definitions.md "Contact events": an optional field sent as null is absent. */
function dropNulls(o: Record<string, unknown>): void {
  for (const k in o) if (o[k] === null) delete o[k];
}
