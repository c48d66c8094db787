import { Module } from '@nestjs/common';
import { TierStatsRepository } from './tier-stats.repository';
import { TierStatsService } from './tier-stats.service';
import { TiersController } from './tiers.controller';

@Module({ controllers: [TiersController], providers: [TierStatsRepository, TierStatsService], exports: [TierStatsService] })
export class TiersModule {}
