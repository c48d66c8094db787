import type { NextFunction, Request, Response } from 'express';

/**
 * A request answered before its body was read (401, 403, 429, a route that takes no body) would
 * have the rest of its body discarded by Node, however long, so that the connection can be
 * reused. This discards it instead (taken at 'prefinish', before Node's own 'finish' handler) and
 * cuts the connection once more than `limit` bytes have gone, so an endless body ends too.
 */
export function boundUnreadBodies(limit: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.once('prefinish', () => {
      if (req.complete || req.readableFlowing !== null) return; // read in full, or by someone (a streamed upload)
      let discarded = 0;
      req.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > limit) req.socket.destroy();
      });
    });
    next();
  };
}
