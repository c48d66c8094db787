/**
 * The scorecard's judgements, as pure functions (docs/http-contract.md "Reports and indicators"):
 * RAG against a target with a margin, direction of travel with a band, and change from an
 * earlier value. Margins and bands are absolute, in the indicator's own unit.
 */
export type Polarity = 'higher' | 'lower' | 'none';
export type Rag = 'Green' | 'Amber' | 'Red' | 'No Status';
export type DirectionOfTravel = 'Improving' | 'Deteriorating' | 'No Noticeable Change' | 'N/A';

export interface Change {
  /** value − earlier. */
  absolute: number;
  /** absolute ÷ earlier × 100, unrounded; null when earlier is 0. */
  percent: number | null;
}

/**
 * Differences are rounded to 12 significant decimals before comparing, so that 0.85 against a
 * target of 0.9 with a margin of 0.05 is within the margin, as a person would read it
 * (0.9 − 0.05 is 0.8500000000000001 in binary floating point).
 */
function difference(a: number, b: number): number {
  return Number((a - b).toPrecision(12));
}

/** How far the value is on the wrong side of the target (≤ 0: target met). */
function shortfall(value: number, target: number, polarity: Exclude<Polarity, 'none'>): number {
  return polarity === 'higher' ? difference(target, value) : difference(value, target);
}

/** Green when the target is met, Amber within the margin of it, Red otherwise; No Status without a value, target or polarity. */
export function ragOf(value: number | null, target: number | null, polarity: Polarity, margin: number): Rag {
  if (value === null || target === null || polarity === 'none') return 'No Status';
  const short = shortfall(value, target, polarity);
  if (short <= 0) return 'Green';
  return short <= margin ? 'Amber' : 'Red';
}

/** Improving or Deteriorating by polarity; No Noticeable Change when the difference is under the band; N/A without a previous value. */
export function directionOfTravel(value: number | null, previous: number | null, polarity: Polarity, band: number): DirectionOfTravel {
  if (value === null || previous === null || polarity === 'none') return 'N/A';
  const diff = difference(value, previous);
  if (Math.abs(diff) < band) return 'No Noticeable Change';
  return (diff > 0) === (polarity === 'higher') ? 'Improving' : 'Deteriorating';
}

/** Change from an earlier value; null when either is missing. */
export function changeFrom(value: number | null, earlier: number | null): Change | null {
  if (value === null || earlier === null) return null;
  const absolute = difference(value, earlier);
  return { absolute, percent: earlier === 0 ? null : (absolute / earlier) * 100 };
}

const count = (n: number) => n.toLocaleString('en-GB');
const oneDecimal = (p: number) => `${(Math.round(Math.abs(p) * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
const amount = (c: Change) => (c.percent === null ? count(Math.abs(c.absolute)) : `${count(Math.abs(c.absolute))} (${oneDecimal(c.percent)})`);

export interface CountSentence {
  /** e.g. "compliments received". */
  noun: string;
  value: number;
  periodName: string;
  /** e.g. "the preceding three months". */
  precedingName: string;
  previous: number | null;
  lastYear: number | null;
  lastYearName: string;
}

/**
 * The seed's sentence for a count: "84 compliments received in October–December 2021, an
 * increase of 2 (2.4%) compared with the preceding three months, but 14 (14.3%) less than the
 * 98 in October–December 2020". Percentages to one decimal; "but" when the two changes differ in sign.
 */
export function countSentence(s: CountSentence): string {
  const parts = [`${count(s.value)} ${s.noun} in ${s.periodName}`];
  const fromPrevious = changeFrom(s.value, s.previous);
  const fromLastYear = changeFrom(s.value, s.lastYear);
  if (fromPrevious) {
    parts.push(
      fromPrevious.absolute === 0
        ? `the same as in ${s.precedingName}`
        : `${fromPrevious.absolute > 0 ? 'an increase' : 'a decrease'} of ${amount(fromPrevious)} compared with ${s.precedingName}`,
    );
  }
  if (fromLastYear) {
    const than = `the ${count(s.lastYear!)} in ${s.lastYearName}`;
    const text = fromLastYear.absolute === 0
      ? `the same as ${than}`
      : `${amount(fromLastYear)} ${fromLastYear.absolute > 0 ? 'more' : 'less'} than ${than}`;
    const differ = fromPrevious && Math.sign(fromPrevious.absolute) * Math.sign(fromLastYear.absolute) < 0;
    parts.push(fromPrevious ? `${differ ? 'but' : 'and'} ${text}` : text);
  }
  return `${parts.join(', ')}.`;
}
