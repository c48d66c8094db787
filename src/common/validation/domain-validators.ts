import { registerDecorator, ValidationOptions } from 'class-validator';

export const SLUG = /^[a-z0-9_]{1,64}$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validCalendarDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** ISO 8601 instant with an explicit offset (Z or ±hh:mm), a real calendar date and time. */
export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
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
