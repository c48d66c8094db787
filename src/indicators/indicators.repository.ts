import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../database/read-database';
import { rows } from '../database/sql';
import type { Period } from '../periods/period';
import type { StoredIndicatorValueDto } from './indicator.dto';

/** A reported indicator's value and commentary for one period. */
export type ReportedValue = StoredIndicatorValueDto;

const COLUMNS = `indicator, period, value, performance, current_activity AS "currentActivity", future_activity AS "futureActivity"`;

/** Stores or replaces one indicator's value for a period ($1 indicator … $8 future_activity). */
export const PUT_INDICATOR_VALUE_SQL = `
  INSERT INTO indicator_value (indicator, period, period_from, period_to, value, performance, current_activity, future_activity)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (indicator, period) DO UPDATE SET
    value = EXCLUDED.value, performance = EXCLUDED.performance, current_activity = EXCLUDED.current_activity,
    future_activity = EXCLUDED.future_activity, updated_at = now()
  RETURNING ${COLUMNS}`;
/** Every stored value of the given periods, by canonical period label. */
export const INDICATOR_VALUES_SQL = `SELECT ${COLUMNS} FROM indicator_value WHERE period = ANY($1::text[])`;

@Injectable()
export class IndicatorsRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly read: ReadDatabase,
  ) {}

  async put(indicator: string, period: Period, v: Omit<ReportedValue, 'indicator' | 'period'>): Promise<ReportedValue> {
    const [stored] = await rows<ReportedValue>(this.ds, PUT_INDICATOR_VALUE_SQL, [
      indicator, period.label, period.from, period.to, v.value, v.performance, v.currentActivity, v.futureActivity,
    ]);
    return stored;
  }

  values(periods: readonly Period[]): Promise<ReportedValue[]> {
    return rows<ReportedValue>(this.read, INDICATOR_VALUES_SQL, [periods.map((p) => p.label)]);
  }
}
