import { share } from '../../common/arithmetic/shares';
import type { DayRange } from '../buckets';
import type { RowOf } from '../aggregate-query';
import type { CHATBOT_COUNTS } from '../metric-queries';
import type { ChatbotStatsDto, PeriodDto } from '../stats-responses.dto';

/** Chatbot containment and webchat volumes, with a monthly series (docs/definitions.md "chatbot containment"). */
export function chatbotFigures(period: PeriodDto, months: readonly DayRange[], counts: RowOf<typeof CHATBOT_COUNTS>[]): ChatbotStatsDto {
  const byIndex = new Map(counts.map((c) => [c.index, c]));
  const series = months.map((m, i) => {
    const c = byIndex.get(i + 1);
    return { from: m.from, to: m.to, chatbot: c?.chatbot ?? 0, escalated: c?.escalated ?? 0, webchat: c?.webchat ?? 0 };
  });
  const chatbot = series.reduce((s, r) => s + r.chatbot, 0);
  const escalated = series.reduce((s, r) => s + r.escalated, 0);
  const webchat = series.reduce((s, r) => s + r.webchat, 0);
  return {
    period: { from: period.from, to: period.to },
    chatbot,
    escalated,
    containment: share(chatbot - escalated, chatbot),
    webchat,
    series,
  };
}
