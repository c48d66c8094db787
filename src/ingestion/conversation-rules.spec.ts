import { readFileSync } from 'node:fs';
import { loadTierRules } from '../tiers/tier-rules';
import { conversationProblems } from './conversation-rules';

const rules = loadTierRules(JSON.parse(readFileSync('config/tiers.json', 'utf8')));

describe('conversationProblems', () => {
  it('accepts every allowed pairing', () => {
    for (const def of rules.conversations) {
      for (const completedBy of def.completedBy) {
        expect(conversationProblems(rules, { conversation: def.conversation, completedBy, caseRef: 'A1' }, 'events[0]')).toEqual([]);
      }
    }
  });

  it('names the completedBy path for a pairing the rules do not allow', () => {
    expect(conversationProblems(rules, { conversation: 0, completedBy: 'self_service' }, 'e')).toEqual([]);
    expect(conversationProblems(rules, { conversation: 1, completedBy: 'self_service' }, 'events[2]')).toEqual([
      { path: 'events[2].completedBy', problem: 'conversation 1 must be completed by front_door or social_work_team' },
    ]);
    expect(conversationProblems(rules, { conversation: 2, completedBy: 'front_door' }, 'events[0]')).toEqual([
      { path: 'events[0].completedBy', problem: 'conversation 2 must be completed by social_work_team' },
    ]);
  });

  it('leaves values of the wrong type to the DTO (no second problem), and rejects a blank caseRef', () => {
    expect(conversationProblems(rules, { conversation: 7, completedBy: 'front_door' }, 'e')).toEqual([]);
    expect(conversationProblems(rules, { conversation: 1, completedBy: 'robot' }, 'e')).toEqual([]);
    expect(conversationProblems(rules, { conversation: 1, completedBy: 'front_door', caseRef: '   ' }, 'e')).toEqual([
      { path: 'e.caseRef', problem: 'must not be blank' },
    ]);
  });
});
