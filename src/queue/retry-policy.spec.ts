import { isUnavailableError } from '../common/http/unavailable';
import { failureReason, retryDelayMs } from './retry-policy';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('which failures are retried', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['Postgres shutting down', pgError('57P01', 'terminating connection due to administrator command')],
    ['Postgres starting up', pgError('57P03', 'the database system is starting up')],
    ['connection failure', pgError('08006', 'connection failure')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['disk full', pgError('53100', 'could not extend file')],
    ['deadlock', pgError('40P01', 'deadlock detected')],
    ['serialization', pgError('40001', 'could not serialize access')],
    ['wrapped by TypeORM', { message: 'Query failed', driverError: pgError('57P01', 'terminating connection') }],
    ['Redis out of memory', new Error("OOM command not allowed when used memory > 'maxmemory'.")],
    ['Redis connection closed', new Error('Connection is closed.')],
  ])('retries %s', (_, e) => expect(isUnavailableError(e)).toBe(true));

  it.each([
    ['a NUL byte', pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
    ['a check violation', pgError('23514', 'new row for relation "contact_event" violates check constraint "x"')],
    ['a bad value', pgError('22P02', 'invalid input syntax for type integer: "12a"')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'rows')")],
  ])('does not retry %s', (_, e) => expect(isUnavailableError(e)).toBe(false));
});

describe('retry delays', () => {
  it('start near 1 s, double, and stop at the cap', () => {
    const at = (n: number) => retryDelayMs(n, 60_000);
    expect(at(1)).toBeGreaterThanOrEqual(800);
    expect(at(1)).toBeLessThanOrEqual(1000);
    expect(at(3)).toBeGreaterThanOrEqual(3200);
    expect(at(3)).toBeLessThanOrEqual(4000);
    for (const n of [7, 12, 50, 10_000]) {
      expect(at(n)).toBeGreaterThanOrEqual(48_000);
      expect(at(n)).toBeLessThanOrEqual(60_000);
    }
  });
});

describe('failure reasons', () => {
  it('keep the message and SQLSTATE but not a quoted value', () => {
    expect(failureReason(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe(
      'invalid byte sequence for encoding "UTF8": 0x00 (SQLSTATE 22021)',
    );
    expect(failureReason(pgError('22P02', 'invalid input syntax for type integer: "CASE-123"'))).toBe(
      'invalid input syntax for type integer: "…" (SQLSTATE 22P02)',
    );
  });

  it('are idempotent and bounded', () => {
    const once = failureReason(pgError('22P02', 'invalid input syntax for type integer: "x"'));
    expect(failureReason(once)).toBe(once);
    expect(failureReason(new Error('x'.repeat(5000))).length).toBeLessThanOrEqual(500);
  });
});
