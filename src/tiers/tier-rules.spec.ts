import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMPLETED_BY,
  CompletedBy,
  Conversation,
  CONVERSATION_OUTCOMES,
  CONVERSATIONS,
  ConversationOutcome,
  isCompletedBy,
  isConversation,
  isConversationOutcome,
  isTier,
  loadTierRules,
  pairingProblem,
  Tier,
  TierRulesError,
  tierOf,
} from './tier-rules';

const CONFIG_PATH = join(__dirname, '..', '..', 'config', 'tiers.json');
const rawConfig = (): Record<string, any> => JSON.parse(readFileSync(CONFIG_PATH, 'utf8'));
const rules = loadTierRules(rawConfig());

/** Loads a modified copy of the real config and returns the error message (or fails). */
function problemOf(edit: (config: Record<string, any>) => void): string {
  const config = rawConfig();
  edit(config);
  try {
    loadTierRules(config);
  } catch (e) {
    expect(e).toBeInstanceOf(TierRulesError);
    return (e as Error).message;
  }
  throw new Error('expected loadTierRules to throw');
}

describe('config/tiers.json', () => {
  it('loads and keeps the rules in the order of the file', () => {
    expect(rules.rules.map((r) => r.tier)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(rules.safeguardingMinimumTier).toBe(3);
  });

  it("describes every tier in the seed's paragraph 61 wording", () => {
    const byTier = Object.fromEntries(rules.rules.map((r) => [r.tier, r.description]));
    expect(byTier).toEqual({
      0: 'Self-service via Here2Help Website',
      1: 'Conversation 0s and 1s dealt with by Here2Help Front Door',
      2: 'Conversation 1s completed by Social Work Team',
      3: 'Conversation 2s completed with services purchased e.g. reablement, unplanned crisis services',
      4: 'Conversation 3s with long term care services purchased not including residential or nursing',
      5: 'Conversation 3s with long term residential and nursing care services',
    });
    expect(rules.safeguardingDescription).toBe('All conversations with Safeguarding as an outcome');
  });

  it('lists who may complete each conversation (docs/definitions.md)', () => {
    expect(rules.conversations.map((c) => [c.conversation, c.completedBy])).toEqual([
      [0, ['self_service', 'front_door', 'social_work_team']],
      [1, ['front_door', 'social_work_team']],
      [2, ['social_work_team']],
      [3, ['social_work_team']],
    ]);
    expect(rules.completedBy.map((d) => d.completedBy)).toEqual(['self_service', 'front_door', 'social_work_team']);
  });

  it('allows exactly the outcomes of docs/definitions.md', () => {
    expect([...rules.outcomes].sort()).toEqual([...CONVERSATION_OUTCOMES].sort());
  });

  it('is frozen', () => {
    expect(Object.isFrozen(rules)).toBe(true);
    expect(Object.isFrozen(rules.rules[0].when.outcome)).toBe(true);
    expect(() => (rules.rules as unknown as unknown[]).push({})).toThrow(TypeError);
  });

  it('does not freeze or keep references to the caller’s object', () => {
    const config = rawConfig();
    const loaded = loadTierRules(config);
    expect(Object.isFrozen(config.rules[0].when.outcome)).toBe(false);
    config.rules[0].when.outcome.push('reablement');
    expect(loaded.rules[0].when.outcome).toEqual(['long_term_residential', 'long_term_nursing']);
  });
});

describe('tierOf: every row of the tier table', () => {
  // Written out from docs/definitions.md's table, independently of config/tiers.json.
  const OUTCOMES: (ConversationOutcome | undefined | null)[] = [undefined, null, ...CONVERSATION_OUTCOMES];
  const expectedWithoutSafeguarding = (c: Conversation, by: CompletedBy, outcome?: ConversationOutcome | null): Tier => {
    const table: Record<string, Tier> = {
      '0/self_service': 0,
      '0/front_door': 1,
      '1/front_door': 1,
      '0/social_work_team': 2,
      '1/social_work_team': 2,
      '2/social_work_team': 3,
      '3/social_work_team': outcome === 'long_term_residential' || outcome === 'long_term_nursing' ? 5 : 4,
    };
    return table[`${c}/${by}`];
  };
  const validCases: [Conversation, CompletedBy, ConversationOutcome | undefined | null][] = [];
  for (const [c, by] of [
    [0, 'self_service'],
    [0, 'front_door'],
    [0, 'social_work_team'],
    [1, 'front_door'],
    [1, 'social_work_team'],
    [2, 'social_work_team'],
    [3, 'social_work_team'],
  ] as [Conversation, CompletedBy][]) {
    for (const outcome of OUTCOMES) validCases.push([c, by, outcome]);
  }

  it.each([
    // tier 5: conversation 3 with long-term residential or nursing care
    [3, 'social_work_team', 'long_term_residential', 5],
    [3, 'social_work_team', 'long_term_nursing', 5],
    // tier 4: any other conversation 3
    [3, 'social_work_team', 'long_term_community', 4],
    [3, 'social_work_team', undefined, 4],
    [3, 'social_work_team', 'advice_information', 4],
    // tier 3: conversation 2
    [2, 'social_work_team', 'reablement', 3],
    [2, 'social_work_team', 'crisis_support', 3],
    [2, 'social_work_team', undefined, 3],
    // tier 2: conversation 0 or 1 by the social work team
    [1, 'social_work_team', 'community_support', 2],
    [0, 'social_work_team', 'advice_information', 2],
    // tier 1: conversation 0 or 1 by the front door (Here2Help)
    [1, 'front_door', 'community_support', 1],
    [0, 'front_door', undefined, 1],
    // tier 0: self-service, conversation 0 only
    [0, 'self_service', 'advice_information', 0],
    [0, 'self_service', undefined, 0],
  ] as [Conversation, CompletedBy, ConversationOutcome | undefined, Tier][])(
    'conversation %s by %s with outcome %s is tier %s',
    (conversation, completedBy, outcome, tier) => {
      expect(tierOf(rules, { conversation, completedBy, outcome, safeguarding: false })).toBe(tier);
    },
  );

  it.each(validCases)('conversation %s by %s, outcome %s, no safeguarding', (conversation, completedBy, outcome) => {
    expect(tierOf(rules, { conversation, completedBy, outcome, safeguarding: false })).toBe(
      expectedWithoutSafeguarding(conversation, completedBy, outcome),
    );
  });

  it('covers all 7 allowed pairings × 10 outcome states', () => {
    expect(validCases).toHaveLength(70);
  });

  describe('safeguarding raises the tier to at least 3', () => {
    it.each([
      [0, 'self_service', undefined, 0, 3],
      [0, 'front_door', undefined, 1, 3],
      [1, 'front_door', 'community_support', 1, 3],
      [0, 'social_work_team', undefined, 2, 3],
      [1, 'social_work_team', 'no_further_action', 2, 3],
      [2, 'social_work_team', 'reablement', 3, 3],
      [3, 'social_work_team', 'long_term_community', 4, 4],
      [3, 'social_work_team', 'long_term_nursing', 5, 5],
    ] as [Conversation, CompletedBy, ConversationOutcome | undefined, Tier, Tier][])(
      'conversation %s by %s (%s): tier %s becomes %s',
      (conversation, completedBy, outcome, without, withSafeguarding) => {
        expect(tierOf(rules, { conversation, completedBy, outcome, safeguarding: false })).toBe(without);
        expect(tierOf(rules, { conversation, completedBy, outcome, safeguarding: true })).toBe(withSafeguarding);
      },
    );

    it.each(validCases)('conversation %s by %s, outcome %s, with safeguarding', (conversation, completedBy, outcome) => {
      const without = expectedWithoutSafeguarding(conversation, completedBy, outcome);
      expect(tierOf(rules, { conversation, completedBy, outcome, safeguarding: true })).toBe(Math.max(without, 3));
    });

    it('follows safeguardingMinimumTier from the config', () => {
      const config = rawConfig();
      config.safeguardingMinimumTier = 4;
      const raised = loadTierRules(config);
      expect(tierOf(raised, { conversation: 2, completedBy: 'social_work_team', safeguarding: true })).toBe(4);
      expect(tierOf(raised, { conversation: 3, completedBy: 'social_work_team', outcome: 'long_term_nursing', safeguarding: true })).toBe(5);
    });
  });

  it('throws on a pairing that validation should have rejected', () => {
    expect(() => tierOf(rules, { conversation: 2, completedBy: 'front_door', safeguarding: false })).toThrow(
      new RangeError('conversation 2 must be completed by social_work_team'),
    );
  });

  it('throws on an outcome the config does not allow', () => {
    expect(() =>
      tierOf(rules, { conversation: 0, completedBy: 'front_door', outcome: 'banana' as ConversationOutcome, safeguarding: false }),
    ).toThrow(/^outcome must be one of advice_information, .* or long_term_nursing$/);
  });
});

describe('pairingProblem', () => {
  it.each([
    [0, 'self_service'],
    [0, 'front_door'],
    [0, 'social_work_team'],
    [1, 'front_door'],
    [1, 'social_work_team'],
    [2, 'social_work_team'],
    [3, 'social_work_team'],
  ] as [Conversation, CompletedBy][])('conversation %s by %s is allowed', (conversation, completedBy) => {
    expect(pairingProblem(rules, conversation, completedBy)).toBeNull();
  });

  it.each([
    [1, 'self_service', 'conversation 1 must be completed by front_door or social_work_team'],
    [2, 'self_service', 'conversation 2 must be completed by social_work_team'],
    [2, 'front_door', 'conversation 2 must be completed by social_work_team'],
    [3, 'self_service', 'conversation 3 must be completed by social_work_team'],
    [3, 'front_door', 'conversation 3 must be completed by social_work_team'],
  ] as [Conversation, CompletedBy, string][])('conversation %s by %s: "%s"', (conversation, completedBy, problem) => {
    expect(pairingProblem(rules, conversation, completedBy)).toBe(problem);
  });

  it('checks all 12 combinations: 7 allowed, 5 not', () => {
    const verdicts = CONVERSATIONS.flatMap((c) => COMPLETED_BY.map((by) => pairingProblem(rules, c, by) === null));
    expect(verdicts.filter(Boolean)).toHaveLength(7);
    expect(verdicts.filter((v) => !v)).toHaveLength(5);
  });

  it('follows the pairings the config allows', () => {
    const config = rawConfig();
    config.conversations[1].completedBy = ['self_service', 'front_door', 'social_work_team'];
    config.conversations[2].completedBy = ['front_door'];
    config.rules.splice(5, 0, { tier: 1, description: 'x', when: { conversation: [1, 2] } });
    const wider = loadTierRules(config);
    expect(pairingProblem(wider, 1, 'self_service')).toBeNull();
    expect(pairingProblem(wider, 2, 'social_work_team')).toBe('conversation 2 must be completed by front_door');
  });

  it('answers a problem, not an exception, for values outside the types', () => {
    expect(pairingProblem(rules, 7 as Conversation, 'front_door')).toBe('conversation must be one of 0, 1, 2 or 3');
    expect(pairingProblem(rules, 1, 'robot' as CompletedBy)).toBe(
      'conversation 1 must be completed by front_door or social_work_team',
    );
  });
});

describe('type guards', () => {
  it('accept exactly the domain values', () => {
    expect([0, 1, 2, 3, 4, '1', null].map(isConversation)).toEqual([true, true, true, true, false, false, false]);
    expect(['self_service', 'front_door', 'social_work_team', 'api', undefined].map(isCompletedBy)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(CONVERSATION_OUTCOMES.every(isConversationOutcome)).toBe(true);
    expect(isConversationOutcome('safeguarding')).toBe(false);
    expect([0, 5, 6, -1, 2.5].map(isTier)).toEqual([true, true, false, false, false]);
  });
});

describe('loadTierRules rejects a broken table, naming the fault', () => {
  it('a value that is not an object', () => {
    expect(() => loadTierRules(null)).toThrow('config/tiers.json is invalid: it must be a JSON object');
    expect(() => loadTierRules([], 'tiers-test.json')).toThrow('tiers-test.json is invalid: it must be a JSON object');
  });

  it('an unknown top-level key (a typo)', () => {
    expect(problemOf((c) => (c.safeguardingMinimumTeir = 3))).toContain('unknown key "safeguardingMinimumTeir"');
  });

  it('a rule with a tier out of range', () => {
    expect(problemOf((c) => (c.rules[2].tier = 6))).toContain('rules[2]: tier is 6, expected one of 0, 1, 2, 3, 4, 5');
  });

  it('a rule with a conversation out of range', () => {
    expect(problemOf((c) => (c.rules[2].when.conversation = [7]))).toContain(
      'rules[2] (tier 3): when.conversation[0] is 7, expected one of 0, 1, 2, 3',
    );
  });

  it('a conversation given as text', () => {
    expect(problemOf((c) => (c.rules[1].when.conversation = ['3']))).toContain(
      'rules[1] (tier 4): when.conversation[0] is "3", expected one of 0, 1, 2, 3',
    );
  });

  it('a rule with an unknown completedBy', () => {
    expect(problemOf((c) => (c.rules[4].when.completedBy = ['here2help']))).toContain(
      'rules[4] (tier 1): when.completedBy[0] is "here2help"',
    );
  });

  it('a rule naming an outcome not in "outcomes"', () => {
    expect(problemOf((c) => (c.rules[0].when.outcome = ['long_term_residential', 'residential']))).toContain(
      'rules[0] (tier 5): when.outcome[1] is "residential", expected one of the outcomes listed in "outcomes"',
    );
    expect(
      problemOf((c) => (c.outcomes = c.outcomes.filter((o: string) => o !== 'long_term_nursing'))),
    ).toContain('rules[0] (tier 5): when.outcome[1] is "long_term_nursing"');
  });

  it('an outcome the domain does not know', () => {
    expect(problemOf((c) => c.outcomes.push('safeguarding'))).toContain('outcomes[8] is "safeguarding", expected one of');
  });

  it('an empty or repeated condition list', () => {
    expect(problemOf((c) => (c.rules[3].when.completedBy = []))).toContain(
      'rules[3] (tier 2): when.completedBy must be a non-empty list',
    );
    expect(problemOf((c) => (c.rules[3].when.conversation = [0, 1, 0]))).toContain(
      'rules[3] (tier 2): when.conversation lists 0 twice',
    );
  });

  it('an unknown condition', () => {
    expect(problemOf((c) => (c.rules[5].when.channel = ['online']))).toContain(
      'rules[5] (tier 0): unknown condition "channel" (expected conversation, completedBy or outcome)',
    );
  });

  it('a rule without description or when', () => {
    expect(problemOf((c) => delete c.rules[1].description)).toContain('rules[1] (tier 4): description must be a non-empty text');
    expect(problemOf((c) => delete c.rules[1].when)).toContain('rules[1] (tier 4): when must be an object of conditions');
    expect(problemOf((c) => (c.rules[1].note = ''))).toContain('rules[1] (tier 4): note must be a non-empty text');
    expect(problemOf((c) => (c.rules[1].priority = 1))).toContain('rules[1] (tier 4): unknown key "priority"');
    expect(problemOf((c) => (c.rules[1] = 'tier 4'))).toContain('rules[1] must be an object');
  });

  it('no rules', () => {
    expect(problemOf((c) => (c.rules = []))).toContain('rules must be a non-empty list');
  });

  it('rules in the wrong order: a rule shadowed by an earlier one never applies', () => {
    const message = problemOf((c) => ([c.rules[0], c.rules[1]] = [c.rules[1], c.rules[0]]));
    expect(message).toContain('rules[1] (tier 5) never applies');
  });

  it('a rule matching only pairings that are not allowed never applies', () => {
    const message = problemOf((c) =>
      c.rules.push({ tier: 1, description: 'front door conversation 2', when: { conversation: [2], completedBy: ['front_door'] } }),
    );
    expect(message).toContain('rules[6] (tier 1) never applies');
  });

  it('an allowed event no rule gives a tier', () => {
    expect(problemOf((c) => c.rules.pop())).toContain(
      'no rule gives a tier to conversation 0 completed by self_service with no outcome, conversation 0 completed by self_service with outcome advice_information',
    );
    expect(problemOf((c) => (c.rules[1].when.outcome = ['long_term_community']))).toContain(
      'no rule gives a tier to conversation 3 completed by social_work_team with no outcome',
    );
  });

  it('a conversation missing, repeated or with a bad completedBy', () => {
    expect(problemOf((c) => c.conversations.pop())).toContain('conversations must describe conversation 3');
    expect(problemOf((c) => (c.conversations[3].conversation = 2))).toContain('conversations[3]: conversation 2 is listed twice');
    expect(problemOf((c) => (c.conversations[2].completedBy = ['social_worker']))).toContain(
      'conversations[2].completedBy[0] is "social_worker"',
    );
    expect(problemOf((c) => (c.conversations[2].completedBy = []))).toContain('conversations[2].completedBy must be a non-empty list');
    expect(problemOf((c) => (c.conversations[0].conversation = 4))).toContain(
      'conversations[0].conversation is 4, expected one of 0, 1, 2, 3',
    );
    expect(problemOf((c) => delete c.conversations[0].description)).toContain('conversations[0].description must be a non-empty text');
    expect(problemOf((c) => (c.conversations = {}))).toContain('conversations must be a list');
  });

  it('completedBy descriptions missing or repeated', () => {
    expect(problemOf((c) => c.completedBy.pop())).toContain('completedBy must describe social_work_team');
    expect(problemOf((c) => (c.completedBy[1].completedBy = 'self_service'))).toContain('completedBy[1]: self_service is listed twice');
    expect(problemOf((c) => (c.completedBy = null))).toContain('completedBy must be a list');
  });

  it('a bad safeguarding minimum', () => {
    expect(problemOf((c) => (c.safeguardingMinimumTier = '3'))).toContain('safeguardingMinimumTier is "3", expected one of');
    expect(problemOf((c) => delete c.safeguardingDescription)).toContain('safeguardingDescription must be a non-empty text');
  });

  it('lists every problem at once', () => {
    const error = (() => {
      const config = rawConfig();
      config.rules[0].tier = 9;
      config.rules[3].when.completedBy = ['nobody'];
      config.safeguardingMinimumTier = -1;
      try {
        loadTierRules(config);
      } catch (e) {
        return e as TierRulesError;
      }
      throw new Error('expected a TierRulesError');
    })();
    expect(error.problems).toHaveLength(3);
    expect(error.message).toMatch(/^config\/tiers\.json is invalid: rules\[0\]: tier is 9.*; rules\[3\] \(tier 2\).*; safeguardingMinimumTier/);
  });
});
