import { IsIn, IsOptional } from 'class-validator';
import { Interval, INTERVALS } from '../periods/period';
import { StatsQueryDto } from '../stats/stats-query.dto';

export class ChannelShiftQueryDto extends StatsQueryDto {
  /** Length of each series item: `month` (default), `fy_quarter`, `fy` or `year`. */
  @IsOptional() @IsIn(INTERVALS) interval?: Interval;
}
