import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';
import type { BaselineSnapshot } from './baseline-snapshot';

/** Stores a baseline unless its name is taken ($1 name, $2 description, $3 period_from, $4 period_to, $5 snapshot json, $6 created_at). */
export const CREATE_BASELINE_SQL = `
  INSERT INTO baseline (name, description, period_from, period_to, snapshot, created_at)
  VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING RETURNING name`;
export const FIND_BASELINE_SQL = 'SELECT snapshot FROM baseline WHERE name = $1';
export const LIST_BASELINES_SQL = 'SELECT snapshot FROM baseline ORDER BY created_at, name';

@Injectable()
export class BaselinesRepository {
  constructor(private readonly ds: DataSource) {}

  /** Stores the snapshot; false when the name is taken (the stored one is never replaced). */
  async create(s: BaselineSnapshot): Promise<boolean> {
    const created = await rows(
      this.ds,
      CREATE_BASELINE_SQL,
      [s.name, s.description, s.period.from, s.period.to, JSON.stringify(s), s.createdAt],
    );
    return created.length === 1;
  }

  async find(name: string): Promise<BaselineSnapshot | undefined> {
    const [row] = await rows<{ snapshot: BaselineSnapshot }>(this.ds, FIND_BASELINE_SQL, [name]);
    return row?.snapshot;
  }

  async list(): Promise<BaselineSnapshot[]> {
    const found = await rows<{ snapshot: BaselineSnapshot }>(this.ds, LIST_BASELINES_SQL);
    return found.map((r) => r.snapshot);
  }
}
