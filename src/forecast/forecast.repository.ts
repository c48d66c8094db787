import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../database/read-database';
import { rows } from '../database/sql';
import { localPartsOf } from '../periods/london-time';
import { BoundSql } from '../stats/aggregate-query';
import type { DayRange } from '../stats/buckets';
import { StatsWhere } from '../stats/stats-filter';
import type { SlotCount } from './intraday';

/** What a forecast is made for: a channel, and optionally one centre and one service. */
export interface Selection { channel: string; centre?: string; service?: string }

/**
 * Contacts per local day of the selection (contact_stats' day rows: events and volumes). The days
 * are listed, not given as a range, so the key index is probed per day and channel.
 */
export const DAILY_CONTACTS_SQL = `
  SELECT bucket::text AS day, sum(contacts)::text AS contacts
  FROM contact_stats
  WHERE grain = 'd' AND bucket = ANY ($1::date[]) AND channel = $2
    AND ($3::text IS NULL OR centre = $3) AND ($4::text IS NULL OR service = $4)
  GROUP BY bucket`;

/**
 * Contacts per UTC half-hour of a run of days (bank holidays left out), from contact_half_hour:
 * the writer keeps it per channel and centre, not per service, so a service's profile is its
 * channel's (and centre's) shape of the day. The groups are placed on local weekdays and
 * half-hours in TypeScript.
 */
export const HALF_HOUR_COUNTS_SQL = `
  SELECT half_hour, sum(contacts)::text AS contacts
  FROM contact_half_hour
  WHERE channel = $3 AND local_date BETWEEN $1::date AND $2::date
    AND ($4::text IS NULL OR centre = $4) AND local_date <> ALL ($5::date[])
  GROUP BY 1`;

/** Columns of the history's sums: the change marker of the cache, and the measured handling time. */
const HISTORY_SUMS = `sum(contacts)::text AS contacts, sum(timed)::text AS timed, sum(handled)::text AS handled,
       sum(handled_duration_sum)::text AS handled_seconds, count(*)::text AS key_rows`;

/** The history's sums over the fewest aggregate rows that tile the days (stats/buckets.ts). */
export function historySumsSql(range: DayRange, selection: Selection): BoundSql {
  const where = new StatsWhere(range, { ...selection });
  return { sql: `SELECT ${HISTORY_SUMS}\nFROM contact_stats\nWHERE ${where.sql}`, params: where.params, paramNames: where.paramNames };
}

export interface HistorySums { contacts: number; timed: number; handled: number; handledSeconds: number; keyRows: number }

/** The forecast's one reader of Postgres: the read side (a streaming replica when there is one). */
@Injectable()
export class ForecastRepository {
  constructor(private readonly ds: ReadDatabase) {}

  async dailyContacts(days: readonly string[], s: Selection): Promise<Map<string, number>> {
    const found = await rows<{ day: string; contacts: string }>(this.ds, DAILY_CONTACTS_SQL, [days, ...selectionParams(s)]);
    return new Map(found.map((r) => [r.day, Number(r.contacts)]));
  }

  /** Contacts by local weekday and half-hour over the days, leaving out `skipDays` (the channel's and centre's, whatever the service). */
  async halfHourProfile(range: DayRange, s: Selection, skipDays: readonly string[]): Promise<SlotCount[]> {
    const found = await rows<{ half_hour: Date; contacts: string }>(this.ds, HALF_HOUR_COUNTS_SQL, [
      range.from, range.to, s.channel, s.centre ?? null, skipDays,
    ]);
    return found.map((r) => {
      const { isoWeekday, minuteOfDay } = localPartsOf(r.half_hour);
      return { isoWeekday, slot: Math.floor(minuteOfDay / 30), contacts: Number(r.contacts) };
    });
  }

  async historySums(range: DayRange, s: Selection): Promise<HistorySums> {
    const { sql, params } = historySumsSql(range, s);
    const [r] = await rows<Record<string, string | null>>(this.ds, sql, params);
    return {
      contacts: Number(r.contacts ?? 0),
      timed: Number(r.timed ?? 0),
      handled: Number(r.handled ?? 0),
      handledSeconds: Number(r.handled_seconds ?? 0),
      keyRows: Number(r.key_rows ?? 0),
    };
  }
}

function selectionParams(s: Selection): [string, string | null, string | null] {
  return [s.channel, s.centre ?? null, s.service ?? null];
}
