/**
 * The report's demand forecast: the 13 weeks after the period for the configured channel (and
 * centre), made from the history up to the period's end, with the staffing of the first Monday.
 * Figures come from the forecast endpoints' own service; this only lays them out.
 */
import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import { DEFAULT_TARGET } from '../forecast/erlang';
import type { ForecastBody, ForecastService, StaffingBody } from '../forecast/forecast.service';
import type { Selection } from '../forecast/forecast.repository';
import { dayNumberOf, isoWeekdayOfDayNumber, localPartsOf } from '../periods/london-time';
import { addDays, monthOf, Period } from '../periods/period';
import type { ReportSection } from './report-model';

const WEEKS = 13;
const dayMonth = (date: string) => `${+date.slice(8, 10)} ${monthOf(date).slice(0, 3)}`;
const percent = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export async function forecastSection(forecasts: ForecastService, selection: Selection, label: string, period: Period): Promise<ReportSection> {
  const from = addDays(period.to, 1);
  const base = { id: 'forecast', title: `Demand forecast: ${label}`, paragraphs: [] as string[], tables: [], charts: [] } satisfies ReportSection;
  let forecast: ForecastBody;
  try {
    forecast = await forecasts.forecast({ selection, from, to: addDays(from, WEEKS * 7 - 1), interval: 'day' });
  } catch (e) {
    return { ...base, paragraphs: [`No forecast: ${refusal(e)}`] };
  }
  const history = await forecasts.weeklyHistory(selection, from, WEEKS);
  const weeks = Array.from({ length: WEEKS }, (_, w) => forecast.series.slice(w * 7, w * 7 + 7));
  const sum = (days: typeof forecast.series, f: (d: (typeof days)[number]) => number) => days.reduce((a, d) => a + f(d), 0);
  const historyStarts = history.map((_, i) => addDays(from, -7 * (WEEKS - i)));
  const { wape, seasonalNaiveWape, weeks: backtestWeeks } = forecast.backtest;
  return {
    ...base,
    paragraphs: [
      `Contacts forecast for the ${WEEKS} weeks from ${from}, made from the history of ${forecast.basis.from} to ${forecast.basis.to} ` +
        `(Holt–Winters with a damped trend and weekday factors; bank holidays like Sundays). Backtest on the last ${backtestWeeks} weeks ` +
        `of that history: WAPE ${percent(wape)}, against ${percent(seasonalNaiveWape)} for the same weekday a week earlier. ` +
        'A week\'s interval is the sum of its days\' 80% intervals.',
    ],
    tables: [{
      caption: `Weekly contacts forecast from ${from}`,
      columns: [{ header: 'Week starting', kind: 'text' }, { header: 'Forecast', kind: 'count' }, { header: 'Low (80%)', kind: 'count' },
        { header: 'High (80%)', kind: 'count' }],
      rows: weeks.map((days) => [days[0].from, Math.round(sum(days, (d) => d.contacts)), Math.round(sum(days, (d) => d.low)),
        Math.round(sum(days, (d) => d.high))]),
    }, ...(await staffingTables(forecasts, selection, firstMonday(from)))],
    charts: [{
      title: `Contacts per week: the last ${WEEKS} and the forecast`,
      kind: 'line',
      categories: [...historyStarts, ...weeks.map((d) => d[0].from)].map(dayMonth),
      series: [
        { name: 'Contacts', values: [...history, ...weeks.map(() => null)] },
        { name: 'Forecast', values: [...history.map(() => null), ...weeks.map((d) => sum(d, (x) => x.contacts))] },
      ],
      band: {
        name: '80% interval',
        low: [...history.map(() => null), ...weeks.map((d) => sum(d, (x) => x.low))],
        high: [...history.map(() => null), ...weeks.map((d) => sum(d, (x) => x.high))],
      },
    }],
  };
}

async function staffingTables(forecasts: ForecastService, selection: Selection, date: string): Promise<ReportSection['tables']> {
  let staffing: StaffingBody;
  try {
    staffing = await forecasts.staffing({ selection, date, target: { ...DEFAULT_TARGET } });
  } catch (e) {
    return [{ caption: `Staffing on ${date}: ${refusal(e)}`, columns: [{ header: 'Half-hour', kind: 'text' }], rows: [] }];
  }
  const { serviceLevel, answerSeconds, shrinkage, maxOccupancy } = DEFAULT_TARGET;
  return [{
    caption: `Staffing on ${date} for ${serviceLevel * 100}% answered in ${answerSeconds} s (Erlang C; occupancy at most ` +
      `${maxOccupancy * 100}%, shrinkage ${shrinkage * 100}%): ${staffing.total.agentHours} adviser-hours, ${staffing.total.staffHours} staff-hours`,
    columns: [
      { header: 'Half-hour', kind: 'text' }, { header: 'Contacts', kind: 'value' }, { header: 'Advisers', kind: 'count' },
      { header: 'Staff', kind: 'count' }, { header: 'Service level', kind: 'share' }, { header: 'Average speed of answer', kind: 'seconds' },
      { header: 'Occupancy', kind: 'share' },
    ],
    rows: staffing.intervals.map((i) => {
      const { minuteOfDay } = localPartsOf(new Date(i.from));
      const clock = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
      return [clock, Math.round(i.contacts * 10) / 10, i.agents, i.staff, i.serviceLevel, i.asaSeconds, i.occupancy];
    }),
  }];
}

function firstMonday(from: string): string {
  const weekday = isoWeekdayOfDayNumber(dayNumberOf(from));
  return addDays(from, (8 - weekday) % 7);
}

/** A refusal's problem in words (too little history, no handling times); anything else is not the report's to hide. */
function refusal(e: unknown): string {
  if (e instanceof ApiError && e.getStatus() === HttpStatus.BAD_REQUEST && e.details?.length) return e.details.map((d) => d.problem).join('; ');
  throw e;
}
