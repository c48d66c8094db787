import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested,
} from 'class-validator';
import { IsLocalDate, IsSlug, IsStorableText } from '../../common/validation/domain-validators';
import { MAX_BATCH_ITEMS } from './contact-event.dto';

/** A pre-counted number of contacts for one local day; the same key sent again replaces the count. */
export class VolumeDto {
  /** Local date (Europe/London), YYYY-MM-DD. */
  @IsLocalDate() date: string;
  @IsString() @IsStorableText() channel: string;
  @IsOptional() @IsIn(['self_service', 'assisted']) handling?: 'self_service' | 'assisted';
  @IsOptional() @IsSlug() source?: string;
  @IsOptional() @IsString() @IsStorableText() centre?: string;
  @IsOptional() @IsSlug() service?: string;
  @IsInt() @Min(0) @Max(1_000_000_000) count: number;
}

export class VolumeBatchDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_ITEMS)
  @ValidateNested({ each: true }) @Type(() => VolumeDto)
  volumes: VolumeDto[];
}
