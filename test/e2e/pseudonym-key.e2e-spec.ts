import { EnvError, loadEnv } from '../../src/config/env';
import { createDataSource } from '../../src/database/data-source';
import { fingerprintOf, rotatePseudonymKey } from '../../src/privacy/pseudonym-key';
import { createTestDatabase, dropTestDatabase } from '../support/test-db';
import { startTestApp } from '../support/test-app';

const KEY_A = 'first-pseudonym-key-0123456789abcdef0123456789';
const KEY_B = 'second-pseudonym-key-0123456789abcdef012345678';

describe('the database remembers which pseudonym key its case references were made with', () => {
  let database: { name: string; url: string };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => dropTestDatabase(database.name));

  const start = (key: string) => startTestApp({ PSEUDONYM_KEY: key }, database);
  const stored = async () => {
    const ds = await createDataSource(database.url, 1).initialize();
    try {
      return (await ds.query('SELECT fingerprint, retired_at IS NOT NULL AS retired FROM pseudonym_key ORDER BY recorded_at')) as Array<{
        fingerprint: string;
        retired: boolean;
      }>;
    } finally {
      await ds.destroy();
    }
  };

  it('records the first key started on it, as a fingerprint that is not the key', async () => {
    const t = await start(KEY_A);
    await t.close();
    expect(await stored()).toEqual([{ fingerprint: fingerprintOf(KEY_A), retired: false }]);
    expect(fingerprintOf(KEY_A)).not.toContain(KEY_A.slice(0, 8));
    expect(fingerprintOf(KEY_A)).not.toBe(fingerprintOf(KEY_B));
  });

  it('starts again with the same key, and refuses another with a message naming the way to rotate', async () => {
    await (await start(KEY_A)).close();
    const refused = start(KEY_B);
    await expect(refused).rejects.toThrow(/PSEUDONYM_KEY is not the key this database's case references were pseudonymised with/);
    await expect(refused).rejects.toThrow(/pseudonym-key:rotate/);
    await expect(refused).rejects.not.toThrow(new RegExp(KEY_B.slice(0, 12)));
  });

  it('rotation is deliberate: the new key then starts, the old one is refused and can never come back', async () => {
    const ds = await createDataSource(database.url, 1).initialize();
    try {
      expect(await rotatePseudonymKey(ds, KEY_B)).toEqual({ retired: fingerprintOf(KEY_A), current: fingerprintOf(KEY_B) });
      await expect(rotatePseudonymKey(ds, KEY_A)).rejects.toThrow(/retired/);
    } finally {
      await ds.destroy();
    }
    await (await start(KEY_B)).close();
    await expect(start(KEY_A)).rejects.toThrow(/not the key/);
    expect(await stored()).toEqual([
      { fingerprint: fingerprintOf(KEY_A), retired: true },
      { fingerprint: fingerprintOf(KEY_B), retired: false },
    ]);
  });
});

describe('production is production', () => {
  it('refuses to start without API_KEYS and PSEUDONYM_KEY, naming both and echoing no value', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(EnvError);
    const problems = (() => {
      try {
        loadEnv({ NODE_ENV: 'production', PSEUDONYM_KEY: 'short-secret' });
      } catch (e) {
        return (e as EnvError).problems;
      }
    })();
    expect(problems).toEqual(['PSEUDONYM_KEY must be at least 32 characters', 'API_KEYS must be set when NODE_ENV=production']);
    expect(problems!.join(' ')).not.toContain('short-secret');
    expect(() => loadEnv({ NODE_ENV: 'production', API_KEYS: `admin:${'k'.repeat(20)}`, PSEUDONYM_KEY: KEY_A })).not.toThrow();
  });
});
