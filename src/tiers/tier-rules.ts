/**
 * 3 Conversations tiers (docs/definitions.md "3 Conversations tiers"; seed paragraph 61).
 *
 * The rule table lives in config/tiers.json so the council can read it; this module validates it
 * once at start (loadTierRules) and evaluates it (tierOf). Pure: no I/O, no framework.
 *
 * Evaluation: the first rule whose every condition matches gives the tier; then an event with
 * `safeguarding: true` is raised to at least `safeguardingMinimumTier` (never lowered).
 */

export type Conversation = 0 | 1 | 2 | 3;
export type CompletedBy = 'self_service' | 'front_door' | 'social_work_team';
export type ConversationOutcome =
  | 'advice_information'
  | 'no_further_action'
  | 'community_support'
  | 'reablement'
  | 'crisis_support'
  | 'long_term_community'
  | 'long_term_residential'
  | 'long_term_nursing';
export type Tier = 0 | 1 | 2 | 3 | 4 | 5;

export const CONVERSATIONS: readonly Conversation[] = Object.freeze([0, 1, 2, 3] as const);
export const COMPLETED_BY: readonly CompletedBy[] = Object.freeze(['self_service', 'front_door', 'social_work_team'] as const);
export const CONVERSATION_OUTCOMES: readonly ConversationOutcome[] = Object.freeze([
  'advice_information',
  'no_further_action',
  'community_support',
  'reablement',
  'crisis_support',
  'long_term_community',
  'long_term_residential',
  'long_term_nursing',
] as const);
export const TIERS: readonly Tier[] = Object.freeze([0, 1, 2, 3, 4, 5] as const);

export const isConversation = (v: unknown): v is Conversation => (CONVERSATIONS as readonly unknown[]).includes(v);
export const isCompletedBy = (v: unknown): v is CompletedBy => (COMPLETED_BY as readonly unknown[]).includes(v);
export const isConversationOutcome = (v: unknown): v is ConversationOutcome =>
  (CONVERSATION_OUTCOMES as readonly unknown[]).includes(v);
export const isTier = (v: unknown): v is Tier => (TIERS as readonly unknown[]).includes(v);

/** A rule's conditions; an absent condition matches anything. */
export interface TierCondition {
  readonly conversation?: readonly Conversation[];
  readonly completedBy?: readonly CompletedBy[];
  /** Matches only an event that carries one of these outcomes. */
  readonly outcome?: readonly ConversationOutcome[];
}

export interface TierRule {
  readonly tier: Tier;
  /** Plain-English wording (the seed's paragraph 61). */
  readonly description: string;
  readonly note?: string;
  readonly when: TierCondition;
}

export interface ConversationDefinition {
  readonly conversation: Conversation;
  /** Who may complete it; any other pairing is a validation error. */
  readonly completedBy: readonly CompletedBy[];
  readonly description: string;
}

export interface CompletedByDefinition {
  readonly completedBy: CompletedBy;
  readonly description: string;
}

/** The validated, frozen contents of config/tiers.json. */
export interface TierRules {
  /** Ordered by conversation: `conversations[c].conversation === c`. */
  readonly conversations: readonly ConversationDefinition[];
  readonly completedBy: readonly CompletedByDefinition[];
  /** The outcomes an event may carry. */
  readonly outcomes: readonly ConversationOutcome[];
  /** In evaluation order: the first match wins. */
  readonly rules: readonly TierRule[];
  readonly safeguardingMinimumTier: Tier;
  readonly safeguardingDescription: string;
}

export interface TierInput {
  conversation: Conversation;
  completedBy: CompletedBy;
  /** Absent (undefined or null) when the event carries none. */
  outcome?: ConversationOutcome | null;
  safeguarding: boolean;
}

/** config/tiers.json is malformed; `problems` has one line per fault, naming where it is. */
export class TierRulesError extends Error {
  constructor(
    readonly problems: readonly string[],
    source: string,
  ) {
    super(`${source} is invalid: ${problems.join('; ')}`);
    this.name = 'TierRulesError';
  }
}

const TOP_LEVEL_KEYS = [
  '$comment',
  'conversations',
  'completedBy',
  'outcomes',
  'rules',
  'safeguardingMinimumTier',
  'safeguardingDescription',
];
const RULE_KEYS = ['tier', 'description', 'note', 'when'];
const CONDITION_KEYS = ['conversation', 'completedBy', 'outcome'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(obj).filter((k) => !allowed.includes(k));
}

/**
 * A list of distinct values that each pass `valid`; pushes problems (prefixed by `where`) and
 * returns undefined when it is not.
 */
function readList<T>(
  value: unknown,
  where: string,
  valid: (v: unknown) => v is T,
  expected: string,
  problems: string[],
): T[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${where} must be a non-empty list of ${expected}`);
    return undefined;
  }
  let ok = true;
  value.forEach((v, i) => {
    if (!valid(v)) {
      problems.push(`${where}[${i}] is ${show(v)}, expected one of ${expected}`);
      ok = false;
    } else if (value.indexOf(v) !== i) {
      problems.push(`${where} lists ${show(v)} twice`);
      ok = false;
    }
  });
  return ok ? ([...value] as T[]) : undefined;
}

/** "a", "a or b", "a, b or c". */
function orList(values: readonly (string | number)[]): string {
  const texts = values.map(String);
  return texts.length <= 1 ? (texts[0] ?? '') : `${texts.slice(0, -1).join(', ')} or ${texts[texts.length - 1]}`;
}

function ruleName(index: number, rule: unknown): string {
  const tier = isObject(rule) && isTier(rule.tier) ? ` (tier ${rule.tier})` : '';
  return `rules[${index}]${tier}`;
}

function matches(condition: TierCondition, input: Omit<TierInput, 'safeguarding'>): boolean {
  if (condition.conversation && !condition.conversation.includes(input.conversation)) return false;
  if (condition.completedBy && !condition.completedBy.includes(input.completedBy)) return false;
  if (condition.outcome && (input.outcome == null || !condition.outcome.includes(input.outcome))) return false;
  return true;
}

function describeInput(input: Omit<TierInput, 'safeguarding'>): string {
  const outcome = input.outcome == null ? 'no outcome' : `outcome ${input.outcome}`;
  return `conversation ${input.conversation} completed by ${input.completedBy} with ${outcome}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates the parsed config/tiers.json and returns it typed and frozen. Throws a
 * TierRulesError listing every problem: unknown keys, bad values, a conversation or
 * completedBy missing or listed twice, a rule that can never apply (earlier rules, or the
 * allowed pairings, leave it nothing), and a valid event that no rule gives a tier.
 */
export function loadTierRules(json: unknown, source = 'config/tiers.json'): TierRules {
  const problems: string[] = [];
  const fail = (): never => {
    throw new TierRulesError(problems, source);
  };
  if (!isObject(json)) {
    problems.push('it must be a JSON object');
    return fail();
  }
  for (const key of unknownKeys(json, TOP_LEVEL_KEYS)) problems.push(`unknown key "${key}"`);

  // conversations: each of 0..3 exactly once, with who may complete it.
  const conversations: ConversationDefinition[] = [];
  if (!Array.isArray(json.conversations)) {
    problems.push('conversations must be a list');
  } else {
    json.conversations.forEach((entry, i) => {
      const where = `conversations[${i}]`;
      if (!isObject(entry)) return void problems.push(`${where} must be an object`);
      for (const key of unknownKeys(entry, ['conversation', 'completedBy', 'description'])) {
        problems.push(`${where}: unknown key "${key}"`);
      }
      if (!isConversation(entry.conversation)) {
        return void problems.push(`${where}.conversation is ${show(entry.conversation)}, expected one of 0, 1, 2, 3`);
      }
      if (conversations[entry.conversation]) {
        return void problems.push(`${where}: conversation ${entry.conversation} is listed twice`);
      }
      const completedBy = readList(entry.completedBy, `${where}.completedBy`, isCompletedBy, COMPLETED_BY.join(', '), problems);
      if (!isText(entry.description)) problems.push(`${where}.description must be a non-empty text`);
      if (completedBy && isText(entry.description)) {
        conversations[entry.conversation] = { conversation: entry.conversation, completedBy, description: entry.description };
      }
    });
    for (const c of CONVERSATIONS) {
      if (!json.conversations.some((e) => isObject(e) && e.conversation === c)) {
        problems.push(`conversations must describe conversation ${c}`);
      }
    }
  }

  // completedBy: a description for each kind, for readers of the table.
  const completedBy: CompletedByDefinition[] = [];
  if (!Array.isArray(json.completedBy)) {
    problems.push('completedBy must be a list');
  } else {
    json.completedBy.forEach((entry, i) => {
      const where = `completedBy[${i}]`;
      if (!isObject(entry)) return void problems.push(`${where} must be an object`);
      for (const key of unknownKeys(entry, ['completedBy', 'description'])) problems.push(`${where}: unknown key "${key}"`);
      if (!isCompletedBy(entry.completedBy)) {
        return void problems.push(`${where}.completedBy is ${show(entry.completedBy)}, expected one of ${COMPLETED_BY.join(', ')}`);
      }
      const value = entry.completedBy;
      if (completedBy.some((d) => d.completedBy === value)) return void problems.push(`${where}: ${value} is listed twice`);
      if (!isText(entry.description)) return void problems.push(`${where}.description must be a non-empty text`);
      completedBy.push({ completedBy: value, description: entry.description });
    });
    for (const value of COMPLETED_BY) {
      if (!json.completedBy.some((e) => isObject(e) && e.completedBy === value)) {
        problems.push(`completedBy must describe ${value}`);
      }
    }
  }

  const outcomes =
    readList(json.outcomes, 'outcomes', isConversationOutcome, CONVERSATION_OUTCOMES.join(', '), problems) ?? [];
  const isAllowedOutcome = (v: unknown): v is ConversationOutcome => (outcomes as unknown[]).includes(v);

  // rules, in order.
  const rules: TierRule[] = [];
  let rulesOk = Array.isArray(json.rules) && json.rules.length > 0;
  if (!rulesOk) problems.push('rules must be a non-empty list');
  if (Array.isArray(json.rules)) {
    json.rules.forEach((rule, i) => {
      const where = ruleName(i, rule);
      const before = problems.length;
      if (!isObject(rule)) {
        problems.push(`${where} must be an object`);
        rulesOk = false;
        return;
      }
      for (const key of unknownKeys(rule, RULE_KEYS)) problems.push(`${where}: unknown key "${key}"`);
      if (!isTier(rule.tier)) problems.push(`${where}: tier is ${show(rule.tier)}, expected one of 0, 1, 2, 3, 4, 5`);
      if (!isText(rule.description)) problems.push(`${where}: description must be a non-empty text`);
      if (rule.note !== undefined && !isText(rule.note)) problems.push(`${where}: note must be a non-empty text`);
      const when: { -readonly [K in keyof TierCondition]: TierCondition[K] } = {};
      if (!isObject(rule.when)) {
        problems.push(`${where}: when must be an object of conditions (conversation, completedBy, outcome)`);
      } else {
        for (const key of unknownKeys(rule.when, CONDITION_KEYS)) {
          problems.push(`${where}: unknown condition "${key}" (expected conversation, completedBy or outcome)`);
        }
        if (rule.when.conversation !== undefined) {
          when.conversation = readList(rule.when.conversation, `${where}: when.conversation`, isConversation, '0, 1, 2, 3', problems);
        }
        if (rule.when.completedBy !== undefined) {
          when.completedBy = readList(
            rule.when.completedBy,
            `${where}: when.completedBy`,
            isCompletedBy,
            COMPLETED_BY.join(', '),
            problems,
          );
        }
        if (rule.when.outcome !== undefined) {
          when.outcome = readList(
            rule.when.outcome,
            `${where}: when.outcome`,
            isAllowedOutcome,
            `the outcomes listed in "outcomes" (${outcomes.join(', ')})`,
            problems,
          );
        }
      }
      if (problems.length > before) {
        rulesOk = false;
        return;
      }
      const checked: TierRule = {
        tier: rule.tier as Tier,
        description: rule.description as string,
        ...(rule.note !== undefined ? { note: rule.note as string } : {}),
        when,
      };
      rules.push(checked);
    });
  }

  if (!isTier(json.safeguardingMinimumTier)) {
    problems.push(`safeguardingMinimumTier is ${show(json.safeguardingMinimumTier)}, expected one of 0, 1, 2, 3, 4, 5`);
  }
  if (!isText(json.safeguardingDescription)) problems.push('safeguardingDescription must be a non-empty text');

  // With every part well-formed, check the table as a whole: each valid event gets a tier, and
  // each rule is the first match for at least one valid event (else it is dead or misordered).
  if (problems.length === 0 && rulesOk) {
    const used = new Set<number>();
    const missing: string[] = [];
    for (const def of conversations) {
      for (const by of def.completedBy) {
        for (const outcome of [null, ...outcomes]) {
          const input = { conversation: def.conversation, completedBy: by, outcome };
          const first = rules.findIndex((r) => matches(r.when, input));
          if (first < 0) missing.push(describeInput(input));
          else used.add(first);
        }
      }
    }
    if (missing.length) problems.push(`no rule gives a tier to ${missing.join(', ')}`);
    rules.forEach((rule, i) => {
      if (!used.has(i)) {
        problems.push(
          `${ruleName(i, rule)} never applies: every allowed event it matches is already matched by an earlier rule, or it matches no allowed pairing of conversation and completedBy`,
        );
      }
    });
  }

  if (problems.length) return fail();
  return deepFreeze({
    conversations,
    completedBy: COMPLETED_BY.map((value) => completedBy.find((d) => d.completedBy === value)!),
    outcomes,
    rules,
    safeguardingMinimumTier: json.safeguardingMinimumTier as Tier,
    safeguardingDescription: json.safeguardingDescription as string,
  });
}

/**
 * Why this pairing is not allowed, as the `problem` text of a 400 validation error, e.g.
 * "conversation 2 must be completed by social_work_team"; null when it is allowed. Values
 * outside the types (unchecked input) get a problem too, never an exception.
 */
export function pairingProblem(rules: TierRules, conversation: Conversation, completedBy: CompletedBy): string | null {
  const def = isConversation(conversation) ? rules.conversations[conversation] : undefined;
  if (!def) return `conversation must be one of ${orList(CONVERSATIONS)}`;
  if (def.completedBy.includes(completedBy)) return null;
  return `conversation ${conversation} must be completed by ${orList(def.completedBy)}`;
}

/**
 * The tier of one conversation event. Throws a RangeError for a pairing or outcome the rules do
 * not allow (validation should have rejected it with pairingProblem first).
 */
export function tierOf(rules: TierRules, input: TierInput): Tier {
  const problem = pairingProblem(rules, input.conversation, input.completedBy);
  if (problem) throw new RangeError(problem);
  if (input.outcome != null && !rules.outcomes.includes(input.outcome)) {
    throw new RangeError(`outcome must be one of ${orList(rules.outcomes)}`);
  }
  const rule = rules.rules.find((r) => matches(r.when, input));
  // loadTierRules proved every allowed event matches a rule.
  if (!rule) throw new Error(`no tier rule matches ${describeInput(input)}`);
  return input.safeguarding && rule.tier < rules.safeguardingMinimumTier ? rules.safeguardingMinimumTier : rule.tier;
}
