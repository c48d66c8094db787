import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { rows } from '../database/sql';

/** An HMAC of a fixed text under the key: the same key always gives it, and it reveals nothing of the key. */
export function fingerprintOf(key: string): string {
  return createHmac('sha256', key).update('contact-analytics pseudonym key fingerprint v1').digest('hex').slice(0, 32);
}

interface KeyInUse { fingerprint: string; recorded_at: Date }

export const RECORD_FIRST_KEY_SQL = `INSERT INTO pseudonym_key (fingerprint) SELECT $1
WHERE NOT EXISTS (SELECT 1 FROM pseudonym_key WHERE retired_at IS NULL)
ON CONFLICT DO NOTHING`;
export const KEY_IN_USE_SQL = 'SELECT fingerprint, recorded_at FROM pseudonym_key WHERE retired_at IS NULL';
export const LOCK_KEYS_SQL = 'LOCK TABLE pseudonym_key IN EXCLUSIVE MODE';
export const KNOWN_KEY_SQL = 'SELECT 1 FROM pseudonym_key WHERE fingerprint = $1';
export const RETIRE_KEY_IN_USE_SQL = 'UPDATE pseudonym_key SET retired_at = now() WHERE retired_at IS NULL';
export const ADD_KEY_SQL = 'INSERT INTO pseudonym_key (fingerprint) VALUES ($1)';

export class PseudonymKeyMismatch extends Error {}

/**
 * The database remembers the fingerprint of the key its case references were pseudonymised with
 * (the first key to start on it). Another key would make the same resident a different case, so
 * a service with one refuses to start; rotating is a deliberate step (rotatePseudonymKey).
 */
export async function assertPseudonymKey(ds: DataSource, key: string): Promise<void> {
  const fingerprint = fingerprintOf(key);
  const inUse = await keyInUse(ds, fingerprint);
  if (inUse.fingerprint === fingerprint) return;
  throw new PseudonymKeyMismatch(
    `PSEUDONYM_KEY is not the key this database's case references were pseudonymised with ` +
      `(fingerprint ${fingerprint.slice(0, 8)}…, in use ${inUse.fingerprint.slice(0, 8)}… since ${inUse.recorded_at.toISOString()}). ` +
      'Start with the key in use; changing it splits every case history. To rotate deliberately, run ' +
      '`npm run pseudonym-key:rotate -- --confirm` with the new key in PSEUDONYM_KEY (see README, "Pseudonym key").',
  );
}

/** Records the key's fingerprint if none is in use yet (two processes starting together agree on one). */
async function keyInUse(ds: DataSource, fingerprint: string): Promise<KeyInUse> {
  await ds.query(RECORD_FIRST_KEY_SQL, [fingerprint]);
  const [row] = await rows<KeyInUse>(ds, KEY_IN_USE_SQL);
  return row;
}

/**
 * Makes `key` the key in use. Case references pseudonymised before keep their old pseudonyms,
 * so repeat contacts and journeys do not link across the rotation. Rotating back to a retired key
 * is refused: its pseudonyms would mix with the ones made since.
 */
export async function rotatePseudonymKey(ds: DataSource, key: string): Promise<{ retired?: string; current: string }> {
  const fingerprint = fingerprintOf(key);
  return ds.transaction(async (m) => {
    await m.query(LOCK_KEYS_SQL);
    const [current] = await rows<KeyInUse>(m, KEY_IN_USE_SQL);
    if (current?.fingerprint === fingerprint) return { current: fingerprint };
    const [retired] = await rows(m, KNOWN_KEY_SQL, [fingerprint]);
    if (retired) throw new PseudonymKeyMismatch('that key was in use before and was retired; choose a new key');
    await m.query(RETIRE_KEY_IN_USE_SQL);
    await m.query(ADD_KEY_SQL, [fingerprint]);
    return { retired: current?.fingerprint, current: fingerprint };
  });
}
