import { format as formatDate, parse as parseDate } from 'date-fns';
import { readFileSync } from 'node:fs';
import { dayNumberOfYmd, formatYmd, londonOffsetMs } from '../periods/london-time';
import type { FieldType, ImportFormat, KindDefinition } from './import-kinds';

/**
 * A mapping file (config/imports/*.json) says how another system's export names things:
 * - `columns`: header name → field name, or null to ignore that column;
 * - `values`: field → { value as exported → value as the API takes it, or null for absent };
 *   a value not listed passes through unchanged, so the validator still judges it;
 * - `defaults`: field → value for rows that do not carry the field (e.g. channel of a call export);
 * - `dates`: field → the date-fns pattern a spreadsheet wrote it in (`dd/MM/yyyy HH:mm`), read as
 *   Europe/London wall-clock time; without one a time must be ISO 8601 with an offset;
 * - `queues`: Amazon Connect queue name → centre.
 */
export interface ImportMapping {
  columns: Readonly<Record<string, string | null>>;
  values: Readonly<Record<string, Readonly<Record<string, string | number | boolean | null>>>>;
  defaults: Readonly<Record<string, string | number | boolean>>;
  dates: Readonly<Record<string, string>>;
  queues: Readonly<Record<string, string>>;
}

export const NO_MAPPING: ImportMapping = { columns: {}, values: {}, defaults: {}, dates: {}, queues: {} };

const SECTIONS = ['description', 'columns', 'values', 'defaults', 'dates', 'queues'];

export class MappingError extends Error {}

export function loadMapping(file: string, kind: KindDefinition, format: ImportFormat): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new MappingError(`mapping file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `not JSON (${(e as Error).message})`}`);
  }
  return parseMapping(json, kind, format, file);
}

/** Checks every part of a mapping; the error names the file, the entry and what is wrong with it. */
export function parseMapping(json: unknown, kind: KindDefinition, format: ImportFormat, name = 'mapping'): ImportMapping {
  const fail = (where: string, problem: string): never => {
    throw new MappingError(`${name}: ${where} ${problem}`);
  };
  if (!isRecord(json)) return fail('the file', 'must hold a JSON object');
  for (const k of Object.keys(json)) if (!SECTIONS.includes(k)) fail(`"${k}"`, `is not a mapping section; use ${SECTIONS.join(', ')}`);
  const fields = [...kind.fieldTypes.keys()];
  const isField = (f: string) => kind.fieldTypes.has(f);
  const section = (key: string): Record<string, unknown> => {
    const v = json[key] ?? {};
    return isRecord(v) ? v : fail(`"${key}"`, 'must be an object');
  };
  const columns = section('columns');
  const targets = new Map<string, string>();
  for (const [column, field] of Object.entries(columns)) {
    if (field === null) continue;
    if (typeof field !== 'string' || !isField(field)) fail(`columns."${column}"`, `must be null or a ${kind.kind} field: ${fields.join(', ')}`);
    if (targets.has(field as string)) fail(`columns."${column}"`, `maps to ${field as string}, as "${targets.get(field as string)}" already does`);
    targets.set(field as string, column);
  }
  const values = section('values');
  for (const [field, map] of Object.entries(values)) {
    if (!isField(field)) fail(`values."${field}"`, `is not a ${kind.kind} field: ${fields.join(', ')}`);
    if (!isRecord(map)) fail(`values."${field}"`, 'must be an object of exported value → value');
    for (const [from, to] of Object.entries(map as Record<string, unknown>)) {
      if (to !== null && !['string', 'number', 'boolean'].includes(typeof to)) fail(`values."${field}"."${from}"`, 'must be a string, number, boolean or null');
    }
  }
  const defaults = section('defaults');
  for (const [field, v] of Object.entries(defaults)) {
    if (!isField(field)) fail(`defaults."${field}"`, `is not a ${kind.kind} field: ${fields.join(', ')}`);
    if (!['string', 'number', 'boolean'].includes(typeof v)) fail(`defaults."${field}"`, 'must be a string, number or boolean');
  }
  const dates = section('dates');
  for (const [field, pattern] of Object.entries(dates)) {
    const type = kind.fieldTypes.get(field);
    if (type !== 'instant' && type !== 'date') fail(`dates."${field}"`, `is not a date or time field of ${kind.kind}`);
    if (typeof pattern !== 'string' || !validPattern(pattern)) fail(`dates."${field}"`, 'must be a date-fns pattern such as "dd/MM/yyyy HH:mm"');
  }
  const queues = section('queues');
  if (Object.keys(queues).length && format !== 'amazon-connect') fail('"queues"', 'applies to --format amazon-connect only');
  for (const [queue, centre] of Object.entries(queues)) if (typeof centre !== 'string') fail(`queues."${queue}"`, 'must be a centre name');
  if (format === 'amazon-connect' && (Object.keys(columns).length || Object.keys(values).length)) {
    fail('"columns" and "values"', 'do not apply to Amazon Connect records; use "queues"');
  }
  return {
    columns: columns as ImportMapping['columns'],
    values: values as ImportMapping['values'],
    defaults: defaults as ImportMapping['defaults'],
    dates: dates as ImportMapping['dates'],
    queues: queues as ImportMapping['queues'],
  };
}

/**
 * Turns a record as read into the API's item: columns renamed (or dropped), empty cells absent,
 * values mapped, dates of a pattern read, spreadsheet text converted per field type, defaults
 * filled in. A date that does not fit its pattern is added to `problems`.
 */
export function mapRecord(
  record: Record<string, unknown>,
  mapping: ImportMapping,
  types: ReadonlyMap<string, FieldType>,
  fromText: boolean,
  problems: string[] = [],
): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const column in record) {
    const renamed = column in mapping.columns ? mapping.columns[column] : column;
    if (renamed === null) continue;
    let value = record[column];
    if (fromText && value === '') continue;
    const map = mapping.values[renamed];
    if (map && typeof value !== 'object' && Object.prototype.hasOwnProperty.call(map, String(value))) value = map[String(value)];
    if (value === null || value === undefined) continue;
    const pattern = mapping.dates[renamed];
    if (pattern !== undefined && typeof value === 'string') {
      const read = readDate(value, pattern, types.get(renamed) === 'date');
      if (read === undefined) problems.push(`${renamed}: must be a date${types.get(renamed) === 'date' ? '' : ' and time'} as ${pattern}`);
      else item[renamed] = read;
      continue;
    }
    item[renamed] = fromText && typeof value === 'string' ? fromCell(value, types.get(renamed)) : value;
  }
  for (const field in mapping.defaults) if (item[field] === undefined) item[field] = mapping.defaults[field];
  return item;
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/** Spreadsheets hold numbers and booleans as text; text that is not one stays text, for the validator to refuse. */
export function fromCell(text: string, type: FieldType | undefined): unknown {
  if (type === 'integer' && INTEGER.test(text)) return Number(text);
  if (type === 'boolean') {
    const t = text.trim().toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
  }
  return text;
}

/**
 * A local date (YYYY-MM-DD), or the instant of a Europe/London wall-clock time (its UTC offset
 * found in two steps, as for local midnight; an hour the clocks repeat is read as its first).
 */
export function readDate(text: string, pattern: string, dateOnly: boolean): string | undefined {
  const d = parseDate(text.trim(), pattern, REFERENCE);
  if (Number.isNaN(d.getTime())) return undefined;
  if (dateOnly) return formatYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
  const local = dayNumberOfYmd(d.getFullYear(), d.getMonth() + 1, d.getDate()) * 86_400_000
    + ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
  return new Date(local - londonOffsetMs(local - londonOffsetMs(local))).toISOString();
}

const REFERENCE = new Date(2000, 0, 1);

function validPattern(pattern: string): boolean {
  try {
    return pattern.trim() !== '' && formatDate(REFERENCE, pattern) !== '';
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
