/**
 * Erlang C staffing for one interval (docs/http-contract.md "Forecast and staffing"). Pure
 * arithmetic: Erlang B by its recursion (no factorials, so hundreds of Erlangs do not overflow),
 * Erlang C from it.
 */

export interface ErlangTarget {
  /** share of contacts to answer within `answerSeconds`, in (0, 1) */
  serviceLevel: number;
  answerSeconds: number;
  /** highest occupancy (A ÷ n) allowed, in (0, 1] */
  maxOccupancy: number;
  /** share of paid time not spent taking contacts, in [0, 1) */
  shrinkage: number;
}

export interface ErlangAnswer {
  contacts: number;
  ahtSeconds: number;
  trafficErlangs: number;
  agents: number;
  /** null when there is nothing to answer */
  serviceLevel: number | null;
  asaSeconds: number | null;
  occupancy: number | null;
  staff: number;
}

export const DEFAULT_TARGET: Readonly<ErlangTarget> = Object.freeze({
  serviceLevel: 0.8,
  answerSeconds: 20,
  maxOccupancy: 0.85,
  shrinkage: 0.3,
});

/** Erlang B blocking probability for n servers and A Erlangs: B(0) = 1, B(k) = A·B(k−1) ÷ (k + A·B(k−1)). */
export function erlangB(n: number, traffic: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/** Probability that a contact waits, for n > A agents: C = n·B ÷ (n − A(1 − B)). */
export function erlangC(n: number, traffic: number): number {
  if (n <= traffic) return 1;
  const b = erlangB(n, traffic);
  return (n * b) / (n - traffic * (1 - b));
}

/** Service level, ASA and occupancy achieved by n agents (n > A). */
export function performance(
  n: number,
  traffic: number,
  ahtSeconds: number,
  answerSeconds: number,
): { serviceLevel: number; asaSeconds: number; occupancy: number } {
  const wait = erlangC(n, traffic);
  return {
    serviceLevel: 1 - wait * Math.exp((-(n - traffic) * answerSeconds) / ahtSeconds),
    asaSeconds: (wait * ahtSeconds) / (n - traffic),
    occupancy: traffic / n,
  };
}

/** The smallest n > A meeting the service level with occupancy ≤ maxOccupancy; 0 for no traffic. */
export function agentsFor(traffic: number, ahtSeconds: number, target: ErlangTarget): number {
  if (traffic <= 0) return 0;
  // Occupancy A ÷ n ≤ max gives the floor; n must also exceed A for the queue to be stable.
  let n = Math.max(Math.floor(traffic) + 1, Math.ceil(traffic / target.maxOccupancy - 1e-9));
  while (traffic / n > target.maxOccupancy) n++;
  // Service level rises with n; the recursion per n is O(n), fine for the few steps needed.
  while (performance(n, traffic, ahtSeconds, target.answerSeconds).serviceLevel < target.serviceLevel) n++;
  return n;
}

/**
 * ⌈agents ÷ (1 − shrinkage)⌉ without binary floating point: shrinkage is read as the decimal it
 * was written as (0.3 is 3/10), so 42 agents at 30 % are exactly 60 staff, not 61.
 */
export function staffFor(agents: number, shrinkage: number): number {
  if (agents === 0) return 0;
  const [num, den] = decimalFraction(shrinkage);
  const keep = den - num; // 1 − shrinkage = keep ÷ den
  return Number((BigInt(agents) * den + keep - 1n) / keep);
}

/** A non-negative decimal as an exact fraction [numerator, denominator] of its shortest decimal form. */
export function decimalFraction(x: number): [bigint, bigint] {
  const text = x.toString();
  if (/e/i.test(text)) {
    const digits = 12; // tiny or huge values: 12 decimals are exact enough for a share
    return [BigInt(Math.round(x * 10 ** digits)), 10n ** BigInt(digits)];
  }
  const [whole, frac = ''] = text.split('.');
  const den = 10n ** BigInt(frac.length);
  return [BigInt(whole) * den + BigInt(frac || '0'), den];
}

/** One interval's staffing from its contacts and handling time. */
export function staffInterval(contacts: number, ahtSeconds: number, intervalSeconds: number, target: ErlangTarget): ErlangAnswer {
  const traffic = (contacts * ahtSeconds) / intervalSeconds;
  const agents = agentsFor(traffic, ahtSeconds, target);
  if (agents === 0) {
    return { contacts, ahtSeconds, trafficErlangs: traffic, agents: 0, serviceLevel: null, asaSeconds: null, occupancy: null, staff: 0 };
  }
  const p = performance(agents, traffic, ahtSeconds, target.answerSeconds);
  return { contacts, ahtSeconds, trafficErlangs: traffic, agents, ...p, staff: staffFor(agents, target.shrinkage) };
}
