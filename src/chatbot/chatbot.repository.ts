import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';
import { intervalIndexSql, num } from '../stats/series';
import { DayRange, Filters, StatsWhere } from '../stats/stats-filter';

export interface ChatbotCounts { index: number; chatbot: number; escalated: number; webchat: number }

@Injectable()
export class ChatbotRepository {
  constructor(private readonly ds: DataSource) {}

  /** Chatbot contacts, those escalated, and webchat contacts per interval (1 = the first interval). */
  async byInterval(range: DayRange, filters: Filters, intervals: readonly DayRange[]): Promise<ChatbotCounts[]> {
    const where = new StatsWhere(range, filters, { splitAt: intervals });
    const found = await rows<{ index: number; chatbot: string; escalated: string; webchat: string }>(
      this.ds,
      `SELECT ${intervalIndexSql(where, intervals.map((i) => i.from))} AS index,
              sum(contacts) FILTER (WHERE channel = 'chatbot')::text AS chatbot,
              sum(escalated) FILTER (WHERE channel = 'chatbot')::text AS escalated,
              sum(contacts) FILTER (WHERE channel = 'webchat')::text AS webchat
       FROM contact_stats
       WHERE ${where.sql} AND channel IN ('chatbot', 'webchat')
       GROUP BY 1`,
      where.params,
    );
    return found.map((r) => ({
      index: Number(r.index),
      chatbot: num(r.chatbot),
      escalated: num(r.escalated),
      webchat: num(r.webchat),
    }));
  }
}
