import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** The dashboard page at `/` and its files; the figures come from the statistics API. */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
