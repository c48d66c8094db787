/**
 * An independent model of the statistics, for the end-to-end tests: plain TypeScript over the
 * raw events the test sent, with its own Europe/London conversion (Intl) and its own period
 * arithmetic, so it shares no code with the service it checks. Config files are read directly.
 */
import { readFileSync } from 'node:fs';

const json = (file: string) => JSON.parse(readFileSync(`config/${file}`, 'utf8'));
const channelsConfig: { channel: string; handlings: string[] }[] = json('channels.json').channels;
const centresConfig: {
  centres: { centre: string }[];
  defaultHours: { days: number[]; opens: string; closes: string; bankHolidaysClosed: boolean };
} = json('centres.json');
const bankHolidays = new Set<string>(json('bank-holidays.json')['england-and-wales']);
const costsConfig: { rates: Record<string, number>; selfService: string; assisted: Record<string, string> } = json('costs.json');
const metricsConfig: { serviceLevelSeconds: number; repeatContactWindowDays: number } = json('metrics.json');

export const CHANNELS = channelsConfig;
export const CENTRES = centresConfig.centres.map((c) => c.centre);
export const SERVICE_LEVEL_SECONDS = metricsConfig.serviceLevelSeconds;

export interface SentEvent {
  id: string;
  source?: string;
  occurredAt: string;
  channel: string;
  handling?: string;
  centre?: string;
  service?: string;
  outcome?: string;
  handedOffTo?: string;
  waitSeconds?: number;
  durationSeconds?: number;
  satisfaction?: number;
  caseRef?: string;
}

export interface SentVolume {
  date: string;
  channel: string;
  handling?: string;
  source?: string;
  centre?: string;
  service?: string;
  count: number;
}

/** One counted thing: an event (weight 1) or a volume (weight = its count, no other measures). */
export interface Rec {
  event: boolean;
  weight: number;
  date: string;
  channel: string;
  handling: string;
  source: string;
  centre: string | null;
  service: string | null;
  outcome: string | null;
  handedOffTo: string | null;
  wait: number | null;
  duration: number | null;
  satisfaction: number | null;
  outOfHours: boolean;
  eligible: boolean;
  repeat: boolean;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function london(ms: number): { date: string; weekday: number; minute: number } {
  const p = Object.fromEntries(londonParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAYS[p.weekday], minute: +p.hour * 60 + +p.minute };
}

function outOfHours(ms: number): boolean {
  const h = centresConfig.defaultHours; // no centre has hours of its own in config
  const { date, weekday, minute } = london(ms);
  const clock = (s: string) => +s.slice(0, 2) * 60 + +s.slice(3, 5);
  if (!h.days.includes(weekday) || minute < clock(h.opens) || minute >= clock(h.closes)) return true;
  return h.bankHolidaysClosed && bankHolidays.has(date);
}

const defaultHandling = (channel: string) => CHANNELS.find((c) => c.channel === channel)!.handlings[0];

/** The model of what was stored: first version of each (source, id), last count of each volume key. */
export function buildRecords(events: SentEvent[], volumes: SentVolume[]): Rec[] {
  const seen = new Map<string, SentEvent>();
  for (const e of events) {
    const key = `${e.source ?? 'api'}\u0000${e.id}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  const stored = [...seen.values()].map((e) => ({ e, t: Date.parse(e.occurredAt) }));
  const windowMs = metricsConfig.repeatContactWindowDays * 24 * 3_600_000;
  const byCase = new Map<string, number[]>();
  for (const { e, t } of stored) {
    if (e.caseRef === undefined || e.service === undefined) continue;
    const k = `${e.caseRef}\u0000${e.service}`;
    byCase.set(k, [...(byCase.get(k) ?? []), t]);
  }
  const recs: Rec[] = stored.map(({ e, t }) => {
    const times = e.caseRef !== undefined && e.service !== undefined ? byCase.get(`${e.caseRef}\u0000${e.service}`)! : [];
    return {
      event: true,
      weight: 1,
      date: london(t).date,
      channel: e.channel,
      handling: e.handling ?? defaultHandling(e.channel),
      source: e.source ?? 'api',
      centre: e.centre ?? null,
      service: e.service ?? null,
      outcome: e.outcome ?? null,
      handedOffTo: e.handedOffTo ?? null,
      wait: e.waitSeconds ?? null,
      duration: e.durationSeconds ?? null,
      satisfaction: e.satisfaction ?? null,
      outOfHours: outOfHours(t),
      eligible: e.caseRef !== undefined && e.service !== undefined,
      repeat: times.some((p) => t - p > 0 && t - p <= windowMs),
    };
  });
  const lastVolume = new Map<string, SentVolume>();
  for (const v of volumes) {
    lastVolume.set(JSON.stringify([v.date, v.channel, v.handling ?? defaultHandling(v.channel), v.source ?? 'api', v.centre ?? null, v.service ?? null]), v);
  }
  for (const v of lastVolume.values()) {
    recs.push({
      event: false, weight: v.count, date: v.date, channel: v.channel, handling: v.handling ?? defaultHandling(v.channel),
      source: v.source ?? 'api', centre: v.centre ?? null, service: v.service ?? null, outcome: null, handedOffTo: null,
      wait: null, duration: null, satisfaction: null, outOfHours: false, eligible: false, repeat: false,
    });
  }
  return recs;
}

// ----- periods (own arithmetic on 'YYYY-MM-DD') -----

export interface Range { from: string; to: string }

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthsOf(p: Range): Range[] {
  const out: Range[] = [];
  let y = +p.from.slice(0, 4);
  let m = +p.from.slice(5, 7);
  for (;;) {
    const from = `${y}-${pad(m)}-01`;
    if (from > p.to) return out;
    out.push({ from, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` });
    if (m === 12) {
      m = 1;
      y++;
    } else {
      m++;
    }
  }
}

/** Every interval meeting the period, clipped to it. */
export function intervals(p: Range, interval: 'month' | 'fy_quarter' | 'fy' | 'year'): Range[] {
  const keyOf = (month: string) => {
    const y = +month.slice(0, 4);
    const m = +month.slice(5, 7);
    if (interval === 'month') return month.slice(0, 7);
    if (interval === 'year') return String(y);
    const fy = m >= 4 ? y : y - 1;
    return interval === 'fy' ? `FY${fy}` : `FY${fy}Q${m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4}`;
  };
  const out: (Range & { key: string })[] = [];
  for (const mo of monthsOf(p)) {
    const key = keyOf(mo.from);
    const last = out[out.length - 1];
    if (last && last.key === key) last.to = mo.to;
    else out.push({ key, from: mo.from, to: mo.to });
  }
  return out.map((r) => ({ from: r.from < p.from ? p.from : r.from, to: r.to > p.to ? p.to : r.to }));
}

// ----- expected replies -----

export type Filters = Partial<Record<'centre' | 'service' | 'source' | 'channel', string>>;

export function select(recs: Rec[], p: Range, f: Filters): Rec[] {
  return recs.filter(
    (r) =>
      r.date >= p.from && r.date <= p.to &&
      (f.centre === undefined || r.centre === f.centre) &&
      (f.service === undefined || r.service === f.service) &&
      (f.source === undefined || r.source === f.source) &&
      (f.channel === undefined || r.channel === f.channel),
  );
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const sum = (rs: Rec[], w: (r: Rec) => number) => rs.reduce((s, r) => s + w(r), 0);
const count = (rs: Rec[], pred: (r: Rec) => boolean) => sum(rs, (r) => (pred(r) ? r.weight : 0));
const rank = (channel: string, handling: string) => {
  const i = CHANNELS.findIndex((c) => c.channel === channel);
  return i * 2 + (handling === 'self_service' ? 0 : 1);
};

export function expectedChannelShift(recs: Rec[], p: Range, f: Filters, interval: 'month' | 'fy_quarter' | 'fy' | 'year') {
  const rs = select(recs, p, f);
  const series: Record<string, unknown>[] = [];
  let prev: number | null = null;
  intervals(p, interval).forEach((iv, i) => {
    const within = rs.filter((r) => r.date >= iv.from && r.date <= iv.to);
    const total = count(within, () => true);
    const selfService = count(within, (r) => r.handling === 'self_service');
    const s = ratio(selfService, total);
    series.push({
      from: iv.from, to: iv.to, total, assisted: total - selfService, selfService, selfServiceShare: s,
      changePp: i === 0 || prev === null || s === null ? null : (s - prev) * 100,
    });
    prev = s;
  });
  return { period: p, interval, series };
}

export function expectedChatbot(recs: Rec[], p: Range, f: Filters) {
  const rs = select(recs, p, f);
  const fig = (within: Rec[]) => ({
    chatbot: count(within, (r) => r.channel === 'chatbot'),
    escalated: count(within, (r) => r.channel === 'chatbot' && r.outcome === 'escalated'),
    webchat: count(within, (r) => r.channel === 'webchat'),
  });
  const all = fig(rs);
  return {
    period: p,
    ...all,
    containment: ratio(all.chatbot - all.escalated, all.chatbot),
    series: intervals(p, 'month').map((iv) => ({ ...iv, ...fig(rs.filter((r) => r.date >= iv.from && r.date <= iv.to)) })),
  };
}

function centreRow(centre: string | null, rs: Rec[]) {
  const ev = rs.filter((r) => r.event);
  const n = (pred: (r: Rec) => boolean) => ev.filter(pred).length;
  const notAbandoned = (r: Rec) => r.outcome !== 'abandoned';
  const contacts = count(rs, () => true);
  const withOutcome = n((r) => r.outcome !== null);
  const abandoned = n((r) => r.outcome === 'abandoned');
  const answered = ev.filter((r) => r.wait !== null && notAbandoned(r));
  const handled = ev.filter((r) => r.duration !== null && notAbandoned(r));
  const rated = ev.filter((r) => r.satisfaction !== null);
  return {
    centre,
    contacts,
    selfServiceShare: ratio(count(rs, (r) => r.handling === 'self_service'), contacts),
    firstContactResolution: ratio(n((r) => r.outcome === 'resolved'), withOutcome - abandoned),
    abandonmentRate: ratio(abandoned, withOutcome),
    averageSpeedOfAnswerSeconds: ratio(answered.reduce((s, r) => s + r.wait!, 0), answered.length),
    serviceLevel: ratio(answered.filter((r) => r.wait! <= SERVICE_LEVEL_SECONDS).length, n((r) => r.wait !== null)),
    averageHandlingSeconds: ratio(handled.reduce((s, r) => s + r.duration!, 0), handled.length),
    outOfHoursShare: ratio(n((r) => r.outOfHours), ev.length),
    satisfaction: { responses: rated.length, mean: ratio(rated.reduce((s, r) => s + r.satisfaction!, 0), rated.length) },
  };
}

export function expectedCentres(recs: Rec[], p: Range, f: Filters) {
  const rs = select(recs, p, f);
  const centres = CENTRES.map((c) => centreRow(c, rs.filter((r) => r.centre === c)));
  const none = rs.filter((r) => r.centre === null);
  if (count(none, () => true) > 0) centres.push(centreRow(null, none));
  const handoffs = new Map<string, { from: string | null; to: string; count: number }>();
  for (const r of rs) {
    if (!r.event || r.outcome !== 'handed_off' || r.handedOffTo === null) continue;
    const k = `${r.centre}>${r.handedOffTo}`;
    const h = handoffs.get(k) ?? { from: r.centre, to: r.handedOffTo, count: 0 };
    h.count++;
    handoffs.set(k, h);
  }
  const cr = (c: string | null) => (c === null ? CENTRES.length : CENTRES.indexOf(c));
  return {
    period: p,
    serviceLevelThresholdSeconds: SERVICE_LEVEL_SECONDS,
    centres,
    handoffs: [...handoffs.values()].sort((a, b) => cr(a.from) - cr(b.from) || cr(a.to) - cr(b.to)),
  };
}

export function expectedServices(recs: Rec[], p: Range, f: Filters) {
  const rs = select(recs, p, f);
  const names = [...new Set(rs.map((r) => r.service))];
  const rows = names
    .map((service) => {
      const mine = rs.filter((r) => r.service === service);
      const ev = mine.filter((r) => r.event);
      const contacts = count(mine, () => true);
      const assisted = count(mine, (r) => r.handling === 'assisted');
      const keys = [...new Set(mine.map((r) => `${r.channel}/${r.handling}`))];
      const channels = keys
        .map((k) => {
          const [channel, handling] = k.split('/');
          return { channel, handling, count: count(mine, (r) => r.channel === channel && r.handling === handling) };
        })
        .filter((c) => c.count > 0)
        .sort((a, b) => b.count - a.count || rank(a.channel, a.handling) - rank(b.channel, b.handling));
      const withOutcome = ev.filter((r) => r.outcome !== null).length;
      const abandoned = ev.filter((r) => r.outcome === 'abandoned').length;
      return {
        service,
        contacts,
        assisted,
        selfService: contacts - assisted,
        selfServiceShare: ratio(contacts - assisted, contacts),
        channels,
        firstContactResolution: ratio(ev.filter((r) => r.outcome === 'resolved').length, withOutcome - abandoned),
        repeatContactRate: ratio(ev.filter((r) => r.repeat).length, ev.filter((r) => r.eligible).length),
      };
    })
    .filter((r) => r.contacts > 0);
  rows.sort(
    (a, b) =>
      Number(a.service === null) - Number(b.service === null) ||
      b.assisted - a.assisted ||
      (a.service! < b.service! ? -1 : a.service! > b.service! ? 1 : 0),
  );
  return { period: p, services: rows };
}

/** Unit cost in whole pence (config rates are whole pence). */
export function unitPence(channel: string, handling: string): number {
  const rate = costsConfig.rates[handling === 'self_service' ? costsConfig.selfService : costsConfig.assisted[channel]];
  const pence = Math.round(rate * 100);
  if (Math.abs(pence - rate * 100) > 1e-9) throw new Error('test model expects whole-pence unit costs');
  return pence;
}

export function expectedCosts(recs: Rec[], p: Range, f: Filters) {
  const rs = select(recs, p, f);
  const rows: { channel: string; handling: string; count: number; unitCost: number; cost: number; pence: number }[] = [];
  for (const c of CHANNELS) {
    for (const handling of c.handlings) {
      const n = count(rs, (r) => r.channel === c.channel && r.handling === handling);
      if (n === 0) continue;
      const pence = unitPence(c.channel, handling) * n;
      rows.push({ channel: c.channel, handling, count: n, unitCost: unitPence(c.channel, handling) / 100, cost: pence / 100, pence });
    }
  }
  return {
    period: p,
    currency: 'GBP',
    total: rows.reduce((s, r) => s + r.pence, 0) / 100,
    channels: rows.map(({ pence: _pence, ...r }) => r),
    pence: rows.map((r) => r.pence),
  };
}
