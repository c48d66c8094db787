import type { Request, Response } from 'express';
import { toCsv } from '../common/csv/csv';

/** JSON by default; CSV (one header row, one row per item) for ?format=csv or Accept: text/csv. */
export function wantsCsv(req: Request, format?: string): boolean {
  if (format) return format === 'csv';
  return /\btext\/csv\b/.test(req.headers.accept ?? '');
}

export function sendStats(
  req: Request,
  res: Response,
  format: string | undefined,
  body: unknown,
  csvRows: () => Record<string, unknown>[],
  filename: string,
  columns?: string[],
): void {
  if (!wantsCsv(req, format)) {
    res.json(body);
    return;
  }
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}.csv"`);
  res.send(toCsv(csvRows(), columns));
}
