export class PeriodDto {
  /** First local date (Europe/London), inclusive. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
}

export class ShareDto {
  count: number;
  /** Exact: count ÷ total; null when the total is 0. */
  share: number | null;
  /** Integer percent by largest remainder; null when the total is 0. */
  percent: number | null;
}

export class ChannelRowDto extends ShareDto {
  channel: string;
  handling: 'self_service' | 'assisted';
  /** Only with `by=source`. */
  source?: string;
  /** Report label from config/channels.json (Appendix 1 row labels). */
  label: string;
}

export class ChannelStatsDto {
  period: PeriodDto;
  total: number;
  assisted: ShareDto;
  selfService: ShareDto;
  /** Largest count first. */
  channels: ChannelRowDto[];
}
