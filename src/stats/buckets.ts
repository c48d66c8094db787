/**
 * Which aggregate rows tile a set of local days exactly (pure; see GRAIN_BUCKETS in
 * pipeline/contact-stats.sql.ts for how rows are written). Greedy from the first day: a whole
 * quarter, else a whole month, else the largest aligned block of the month ('h' half month,
 * 'f' four days) that ends inside the range, else a day. So a financial year is 4 rows per key,
 * a month 1, and each partial month at most ~7.
 */
import { addDays } from '../periods/period';
import { daysInMonth } from '../periods/london-time';

export type Grain = 'd' | 'f' | 'h' | 'm' | 'q';

export interface DayRange { from: string; to: string }

/** Block grains within a month: size in days; a block starts on day 1 + k × size and stops at the month's end. */
const BLOCKS: ReadonlyArray<readonly [Grain, number]> = [
  ['h', 16],
  ['f', 4],
];

function monthEndOf(date: string): string {
  return `${date.slice(0, 8)}${String(daysInMonth(+date.slice(0, 4), +date.slice(5, 7))).padStart(2, '0')}`;
}

/** Last day of the grain's bucket that starts on `start` (which must be a bucket start of that grain). */
export function bucketEnd(grain: Grain, start: string): string {
  const monthEnd = monthEndOf(start);
  switch (grain) {
    case 'd':
      return start;
    case 'm':
      return monthEnd;
    case 'q':
      return monthEndOf(addMonths(start, 2));
    default: {
      const size = BLOCKS.find(([g]) => g === grain)![1];
      const end = addDays(start, size - 1);
      return end < monthEnd ? end : monthEnd;
    }
  }
}

function addMonths(firstOfMonth: string, n: number): string {
  const index = +firstOfMonth.slice(0, 4) * 12 + +firstOfMonth.slice(5, 7) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Buckets (first days) per grain that together cover exactly the days of the ranges. */
export function bucketsOf(ranges: readonly DayRange[]): Map<Grain, string[]> {
  const out = new Map<Grain, string[]>();
  const emit = (grain: Grain, start: string) => {
    const list = out.get(grain) ?? [];
    list.push(start);
    out.set(grain, list);
  };
  for (const { from, to } of ranges) {
    for (let cur = from; cur <= to; ) {
      const grain = largestBucketAt(cur, to);
      emit(grain, cur);
      cur = addDays(bucketEnd(grain, cur), 1);
    }
  }
  return out;
}

function largestBucketAt(day: string, to: string): Grain {
  const dayOfMonth = +day.slice(8, 10);
  if (dayOfMonth === 1) {
    if ((+day.slice(5, 7) - 1) % 3 === 0 && bucketEnd('q', day) <= to) return 'q';
    if (bucketEnd('m', day) <= to) return 'm';
  }
  for (const [grain, size] of BLOCKS) {
    if ((dayOfMonth - 1) % size === 0 && bucketEnd(grain, day) <= to) return grain;
  }
  return 'd';
}
