import type { ProblemDetail } from '../common/http/api-error';
import {
  isCompletedBy, isConversation, pairingProblem, TierRules,
} from '../tiers/tier-rules';

/** Rules of a conversation event that depend on config/tiers.json or on two fields together. */
export function conversationProblems(
  rules: TierRules,
  item: { conversation: unknown; completedBy: unknown; outcome?: unknown; caseRef?: unknown },
  path: string,
): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  if (isConversation(item.conversation) && isCompletedBy(item.completedBy)) {
    const problem = pairingProblem(rules, item.conversation, item.completedBy);
    if (problem) problems.push({ path: `${path}.completedBy`, problem });
  }
  if (item.outcome !== undefined && !(rules.outcomes as readonly unknown[]).includes(item.outcome)) {
    problems.push({ path: `${path}.outcome`, problem: `must be one of ${rules.outcomes.join(', ')}` });
  }
  if (typeof item.caseRef === 'string' && item.caseRef.trim() === '') {
    problems.push({ path: `${path}.caseRef`, problem: 'must not be blank' });
  }
  return problems;
}
