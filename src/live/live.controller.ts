import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { LiveTodayDto } from './live.dto';
import { LiveService } from './live.service';

/** The live view (docs/http-contract.md "Live view"): today so far as Server-Sent Events. */
@ApiTags('live')
@ApiBearerAuth()
@Controller('v1/live')
export class LiveController {
  constructor(private readonly live: LiveService) {}

  @Get()
  @Scopes('read')
  @ApiOperation({
    summary: "Today so far as Server-Sent Events: `event: today` at once, within 2 s of a batch counted for today, and at least every 15 s",
  })
  @ApiOkResponse({ type: LiveTodayDto, description: 'text/event-stream; each `event: today` carries this as `data`' })
  @ApiProduces('text/event-stream')
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // nginx and the like would otherwise hold the events back in their buffers.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    let stop: (() => void) | undefined;
    const close = () => {
      stop?.();
      stop = undefined;
    };
    req.on('close', close);
    stop = await this.live.subscribe({
      send: (_, event) => {
        // A client that has not taken the last event yet is too slow or gone: drop it rather than buffer for it.
        if (res.writableNeedDrain) {
          close();
          res.destroy();
          return;
        }
        res.write(event);
      },
      end: () => res.end(),
    });
    if (req.destroyed) close();
  }
}
