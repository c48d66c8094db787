import { IsIn, IsOptional } from 'class-validator';
import { StatsQueryDto } from '../stats/stats-query.dto';

/** In a .dto.ts file so the OpenAPI plugin documents it. */
export class ChannelQueryDto extends StatsQueryDto {
  /** `source` splits rows by sending system. */
  @IsOptional() @IsIn(['source']) by?: 'source';
}
