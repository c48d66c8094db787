import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReferenceConfig } from './reference-config';

/** A copy of the shipped configuration with centres.json changed by `edit`. */
function withCentres(edit: (centres: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'ca-config-'));
  cpSync('config', dir, { recursive: true });
  const file = join(dir, 'centres.json');
  const centres = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(centres);
  writeFileSync(file, JSON.stringify(centres));
  return dir;
}

describe('loadReferenceConfig: opening hours', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const load = (edit: (centres: Record<string, unknown>) => void) => {
    const dir = withCentres(edit);
    dirs.push(dir);
    return () => loadReferenceConfig(dir);
  };

  it('loads the shipped hours', () => {
    expect(load(() => undefined)).not.toThrow();
  });

  it('refuses default hours that close before they open, naming them', () => {
    expect(load((c) => (c.defaultHours = { days: [1], opens: '17:00', closes: '09:00', bankHolidaysClosed: true }))).toThrow(
      'config/centres.json: defaultHours: opening time 17:00 is not before closing time 09:00',
    );
  });

  it("refuses a centre's hours with a day that is not a weekday or a clock that is not a time, naming the centre", () => {
    const centre = (hours: unknown) => (c: Record<string, unknown>) => (c.centres = [{ centre: 'here2help', label: 'Here2Help', hours }]);
    expect(load(centre({ days: [0], opens: '08:00', closes: '20:00', bankHolidaysClosed: false }))).toThrow(
      'config/centres.json: centre here2help: opening day 0 is not an ISO weekday 1–7',
    );
    expect(load(centre({ days: [1], opens: '8am', closes: '20:00', bankHolidaysClosed: false }))).toThrow(
      "config/centres.json: centre here2help: '8am' is not a time of day HH:MM",
    );
  });
});
