import { registerDecorator, ValidationOptions } from 'class-validator';

export const SLUG = /^[a-z0-9_]{1,64}$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validCalendarDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1] + (leap ? 1 : 0);
}

/**
 * The shape most feeds send, and Date#toISOString gives: YYYY-MM-DDTHH:MM:SS.sssZ, checked digit by
 * digit without a regular expression or a Date (it runs for every contact of every request).
 * Anything else takes the general path.
 */
export function isCanonicalUtc(v: string): boolean {
  if (v.length !== 24 || v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':' || v[19] !== '.' || v[23] !== 'Z') {
    return false;
  }
  for (const i of CANONICAL_DIGITS) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const n = (from: number, to: number) => Number(v.slice(from, to));
  return validCalendarDate(n(0, 4), n(5, 7), n(8, 10)) && n(11, 13) <= 23 && n(14, 16) <= 59 && n(17, 19) <= 59;
}

/** An instant's text as stored, UTC to the millisecond: a canonical text as it is (toISOString is costly per event). */
export function utcText(value: string, at: Date): string {
  return isCanonicalUtc(value) ? value : at.toISOString();
}

const CANONICAL_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

/** ISO 8601 instant with an explicit offset (Z or ±hh:mm), a real calendar date and time. */
export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (isCanonicalUtc(value)) return true;
  const m = INSTANT.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m;
  if (!validCalendarDate(+y, +mo, +d) || +h > 23 || +mi > 59 || (s !== undefined && +s > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

export function isLocalDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  return m !== null && validCalendarDate(+m[1], +m[2], +m[3]);
}

function simpleDecorator(name: string, test: (v: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate: test },
      });
}

/**
 * Whether a string can be stored and read back as sent: no control character (U+0000–U+001F,
 * U+007F; Postgres refuses NUL and COPY would split on others) and no lone surrogate (not
 * encodable as UTF-8). Anything else that is not a string is the type check's to report.
 */
export function isStorableText(value: unknown): boolean {
  if (typeof value !== 'string') return true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return value.isWellFormed();
}

export const STORABLE_TEXT_PROBLEM = 'must not contain control characters (U+0000–U+001F, U+007F) or lone surrogates';

/** Every free-text string a client sends carries this beside its type check (see isStorableText). */
export const IsStorableText = simpleDecorator('isStorableText', isStorableText, STORABLE_TEXT_PROBLEM);

export const IsInstant = simpleDecorator(
  'isInstant',
  isInstant,
  'must be an ISO 8601 date-time with an offset, e.g. 2021-03-31T23:30:00Z',
);
export const IsLocalDate = simpleDecorator('isLocalDate', isLocalDate, 'must be a real calendar date YYYY-MM-DD');
export const IsSlug = simpleDecorator(
  'isSlug',
  (v) => typeof v === 'string' && SLUG.test(v),
  'must be a slug of 1-64 lower-case letters, digits or _',
);
