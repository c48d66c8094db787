import { Module } from '@nestjs/common';
import { ChannelShiftController } from './channel-shift.controller';
import { ChannelShiftRepository } from './channel-shift.repository';
import { ChannelShiftService } from './channel-shift.service';

@Module({
  controllers: [ChannelShiftController],
  providers: [ChannelShiftRepository, ChannelShiftService],
  exports: [ChannelShiftService],
})
export class ChannelShiftModule {}
