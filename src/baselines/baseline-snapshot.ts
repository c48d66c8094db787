import type { BaselineSnapshotDto } from './baseline.dto';

/** What a baseline freezes (stored as JSON, returned as is): never recomputed from later data. */
export type BaselineSnapshot = BaselineSnapshotDto;
