import 'reflect-metadata';
import { loadEnv } from '../config/env';
import { createDataSource } from '../database/data-source';
import { fingerprintOf, rotatePseudonymKey } from '../privacy/pseudonym-key';

/**
 * `npm run pseudonym-key:rotate -- --confirm`: makes PSEUDONYM_KEY the key in use. Stop every
 * API process first; start them again with the new key afterwards. Without --confirm it only says
 * what it would do.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.PSEUDONYM_KEY) throw new Error('set PSEUDONYM_KEY to the new key');
  const ds = await createDataSource(env.DATABASE_URL, 1).initialize();
  try {
    if (!process.argv.includes('--confirm')) {
      console.log(
        `would make the key with fingerprint ${fingerprintOf(env.PSEUDONYM_KEY).slice(0, 8)}… the key in use. Case references ` +
          'pseudonymised before keep their old pseudonyms, so repeat contacts and journeys will not link across the rotation. ' +
          'Run again with --confirm to do it.',
      );
      return;
    }
    const { retired, current } = await rotatePseudonymKey(ds, env.PSEUDONYM_KEY);
    console.log(
      retired
        ? `retired ${retired.slice(0, 8)}…; the key with fingerprint ${current.slice(0, 8)}… is now in use`
        : `the key with fingerprint ${current.slice(0, 8)}… is in use (nothing to retire)`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e: Error) => {
  console.error(`pseudonym key rotation failed: ${e.message}`);
  process.exit(1);
});
