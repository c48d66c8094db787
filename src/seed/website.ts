import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One year of the seed's website table (paragraph 36): users, sessions and page views. */
export interface WebsiteYear { year: number; users: number; sessions: number; pageViews: number }

export function readWebsiteYears(configDir = 'config'): WebsiteYear[] {
  const [, ...lines] = readFileSync(resolve(configDir, 'reference/website-2019-2021.csv'), 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [year, users, sessions, pageViews] = line.split(',').map(Number);
    return { year, users, sessions, pageViews };
  });
}
