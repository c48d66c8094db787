import type { ProblemDetail } from '../common/http/api-error';
import type { Handling, ReferenceConfig } from '../config/reference-config';

/** Rules class-validator cannot state alone: they depend on config/ or on two fields together. */
export function channelProblems(
  config: ReferenceConfig,
  item: { channel: string; handling?: Handling; centre?: string },
  path: string,
): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const channel = config.channelByName.get(item.channel);
  if (!channel) {
    problems.push({ path: `${path}.channel`, problem: `unknown channel; one of ${[...config.channelByName.keys()].join(', ')}` });
  } else if (item.handling && !channel.handlings.includes(item.handling)) {
    problems.push({ path: `${path}.handling`, problem: `channel ${item.channel} allows only ${channel.handlings.join(' or ')}` });
  }
  if (item.centre !== undefined && !config.centreNames.includes(item.centre)) {
    problems.push({ path: `${path}.centre`, problem: `unknown centre; one of ${config.centreNames.join(', ')}` });
  }
  return problems;
}

export function contactProblems(
  config: ReferenceConfig,
  item: { channel: string; handling?: Handling; centre?: string; outcome?: string; handedOffTo?: string; caseRef?: string },
  path: string,
): ProblemDetail[] {
  const problems = channelProblems(config, item, path);
  if (item.handedOffTo !== undefined) {
    if (item.outcome !== 'handed_off') {
      problems.push({ path: `${path}.handedOffTo`, problem: 'only allowed with outcome handed_off' });
    } else if (!config.centreNames.includes(item.handedOffTo)) {
      problems.push({ path: `${path}.handedOffTo`, problem: `unknown centre; one of ${config.centreNames.join(', ')}` });
    }
  }
  if (item.caseRef !== undefined && item.caseRef.trim() === '') {
    problems.push({ path: `${path}.caseRef`, problem: 'must not be blank' });
  }
  return problems;
}
