import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { ContactEventDto } from '../../ingestion/dto/contact-event.dto';
import { VolumeDto } from '../../ingestion/dto/volume.dto';
import { compileValidity } from './compiled-validity';

/** Values that are right, wrong, absent or null for the fields of our item DTOs. */
const POOL: unknown[] = [
  undefined, null, '', 'x', 'telephony', 'online', 'self_service', 'assisted', 'blue_badge', 'Blue Badge', 'resolved',
  'handed_off', 'simple_transaction', '2021-03-31T23:30:00Z', '2021-03-31T23:30:00', '2021-02-29T10:00:00Z',
  '2021-06-01', '2021-13-01', 0, 1, 5, 6, -1, 1.5, 2_147_483_648, true, {}, [], 'a'.repeat(129), 'a'.repeat(128),
  'a\u0000b', 'bell\u0007', 'x\ud800', '\udc00y', '😀 ok', 'del\u007f',
];

function seeded(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('compileValidity agrees with class-validator', () => {
  for (const cls of [ContactEventDto, VolumeDto]) {
    it(`on 20,000 random ${cls.name} objects`, () => {
      const check = compileValidity(cls);
      const random = seeded(42);
      const fields = [...Object.keys(validFixture(cls)), 'unknownField'];
      let valid = 0;
      for (let i = 0; i < 20_000; i++) {
        const o: Record<string, unknown> = { ...validFixture(cls) };
        for (const f of fields) if (random() < 0.15) o[f] = POOL[Math.floor(random() * POOL.length)];
        for (const f of Object.keys(o)) if (o[f] === undefined) delete o[f];
        Object.setPrototypeOf(o, cls.prototype);
        const expected = validateSync(o, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }).length === 0;
        if (check(o) !== expected) throw new Error(`disagree on ${JSON.stringify(o)}: class-validator says ${expected}`);
        if (expected) valid++;
      }
      expect(valid).toBeGreaterThan(500); // both answers were exercised
      expect(valid).toBeLessThan(19_500);
    });
  }
});

function validFixture(cls: new () => object): Record<string, unknown> {
  return cls === VolumeDto
    ? { date: '2021-06-01', channel: 'webchat', handling: 'assisted', source: 'civica', centre: 'here2help', service: 'blue_badge', count: 5 }
    : {
        id: 'a1', source: 'netcall', occurredAt: '2021-03-31T23:30:00Z', channel: 'telephony', handling: 'assisted',
        centre: 'here2help', service: 'blue_badge', category: 'simple_transaction', outcome: 'handed_off',
        handedOffTo: 'adult_social_care', waitSeconds: 5, durationSeconds: 60, satisfaction: 4, caseRef: 'C1',
      };
}
