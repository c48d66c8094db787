import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addDays } from '../periods/period';
import { startOfLocalDay } from '../periods/london-time';
import type { Handling } from '../config/reference-config';

/** One row of the seed's Appendix 1 "Customer Services Contact Centre Statistics" (1 Jan – 31 Dec 2021). */
export interface Appendix1Row { label: string; channel: string; handling: Handling; source?: string; contacts: number }

export function readAppendix1(configDir = 'config'): Appendix1Row[] {
  const [, ...lines] = readFileSync(resolve(configDir, 'reference/appendix1-2021.csv'), 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [label, channel, handling, source, contacts] = line.split(',');
    return { label, channel, handling: handling as Handling, ...(source ? { source } : {}), contacts: Number(contacts) };
  });
}

export interface SeedContact { id: string; source?: string; occurredAt: string; channel: string; handling: Handling }

const YEAR_START = '2021-01-01';
const DAYS = 365;
/** Events stay within 22 h of local midnight, so they keep their local date on the 23-hour day too. */
const SPREAD_MS = 22 * 3600 * 1000;

/**
 * The 2021 year as individual contacts: each row's count spread evenly over the days of 2021
 * (day i gets floor((i+1)·n/365) − floor(i·n/365)), at deterministic times of day. Ids are
 * stable, so replaying the year again adds nothing.
 */
export function* appendix1Contacts(rows: Appendix1Row[]): Generator<SeedContact> {
  for (const [r, row] of rows.entries()) {
    let n = 0;
    for (let day = 0; day < DAYS; day++) {
      const today = Math.floor(((day + 1) * row.contacts) / DAYS) - Math.floor((day * row.contacts) / DAYS);
      const midnight = startOfLocalDay(addDays(YEAR_START, day)).getTime();
      for (let k = 0; k < today; k++, n++) {
        const offset = Math.floor(((k + 0.5) * SPREAD_MS) / today);
        yield {
          id: `appendix1-2021-r${r}-${n}`,
          ...(row.source ? { source: row.source } : {}),
          occurredAt: new Date(midnight + offset).toISOString(),
          channel: row.channel,
          handling: row.handling,
        };
      }
    }
  }
}

/** Groups a stream into request-sized batches. */
export function* inBatches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
