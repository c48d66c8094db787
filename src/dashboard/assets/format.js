// @ts-check
/** en-GB figures as the report writes them: 112,374; 18% and 36.58%; +1.2 pts; £1,234; "Apr 2021". */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const upTo2 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const one = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** @param {number | null | undefined} n */
export const count = (n) => (n == null ? '–' : whole.format(n));
/** A share (0.3658) as a percentage with up to two decimals: "36.58%". @param {number | null | undefined} s */
export const percent = (s) => (s == null ? '–' : `${upTo2.format(s * 100)}%`);
/** Percentage points with a sign: "+1.2 pts"; a change that rounds to 0.0 has none. @param {number | null | undefined} pp */
export const points = (pp) => {
  if (pp == null) return '–';
  const shown = Math.round(pp * 10) / 10;
  return `${shown > 0 ? '+' : shown < 0 ? '−' : ''}${one.format(Math.abs(shown))} pts`;
};
/** Pounds, whole: "£1,234", "−£56". @param {number | null | undefined} n */
export const money = (n) => (n == null ? '–' : `${n < 0 ? '−' : ''}£${whole.format(Math.abs(n))}`);
/** Seconds as "42 s". @param {number | null | undefined} n */
export const seconds = (n) => (n == null ? '–' : `${whole.format(n)} s`);
/** A signed count: "+1,234". @param {number} n */
export const signed = (n) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${whole.format(Math.abs(n))}`;
/** "2021-04-01" → "Apr 2021". @param {string} date */
export const month = (date) => `${MONTHS[+date.slice(5, 7) - 1]} ${date.slice(0, 4)}`;
/** A figure with up to two decimals: "12.35". @param {number | null | undefined} n */
export const decimal = (n) => (n == null ? '–' : upTo2.format(n));
/** "2022-04-01" → "1 Apr 2022". @param {string} date */
export const day = (date) => `${+date.slice(8, 10)} ${MONTHS[+date.slice(5, 7) - 1]} ${date.slice(0, 4)}`;
/** An ISO instant as its local time in the UK: "09:30". @param {string} instant */
export const timeOfDay = (instant) => new Date(instant).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
/** "telephony" → "Telephony", "self_service" → "Self-service". @param {string | null} name */
export const label = (name) => {
  if (name == null) return 'None given';
  const text = name === 'self_service' ? 'self-service' : name.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
/** An indicator value in its unit. @param {number | null} v @param {string} unit */
export const inUnit = (v, unit) => (unit === 'share' ? percent(v) : unit === 'money' ? money(v) : unit === 'days' ? `${count(v)} days` : count(v));
