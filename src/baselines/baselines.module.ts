import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { TiersModule } from '../tiers/tiers.module';
import { BaselinesController } from './baselines.controller';
import { BaselinesRepository } from './baselines.repository';
import { BaselinesService } from './baselines.service';

@Module({
  imports: [TiersModule, ChannelsModule],
  controllers: [BaselinesController],
  providers: [BaselinesRepository, BaselinesService],
  exports: [BaselinesService],
})
export class BaselinesModule {}
