import { Module } from '@nestjs/common';
import { ChannelStatsRepository } from './channel-stats.repository';
import { ChannelStatsService } from './channel-stats.service';
import { ChannelsController } from './channels.controller';

@Module({
  controllers: [ChannelsController],
  providers: [ChannelStatsRepository, ChannelStatsService],
  exports: [ChannelStatsService],
})
export class ChannelsModule {}
