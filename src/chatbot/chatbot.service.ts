import { Injectable } from '@nestjs/common';
import { share } from '../common/arithmetic/shares';
import { intervalsOf, Period } from '../periods/period';
import type { Filters } from '../stats/stats-filter';
import { ChatbotRepository } from './chatbot.repository';

export interface ChatbotItem { from: string; to: string; chatbot: number; escalated: number; webchat: number }

export interface ChatbotStats {
  period: { from: string; to: string };
  chatbot: number;
  escalated: number;
  /** (chatbot − escalated) ÷ chatbot; null without chatbot contacts */
  containment: number | null;
  webchat: number;
  series: ChatbotItem[];
}

/** Chatbot containment and webchat volumes, with a monthly series. */
@Injectable()
export class ChatbotService {
  constructor(private readonly repo: ChatbotRepository) {}

  async chatbot(period: Period, filters: Filters): Promise<ChatbotStats> {
    const months = intervalsOf(period, 'month');
    const counts = await this.repo.byInterval(period, filters, months);
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
}
