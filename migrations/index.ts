import { ContactsFoundation1764000000000 } from './1764000000000-ContactsFoundation';
import { StatsCoarserGrains1764100000000 } from './1764100000000-StatsCoarserGrains';
import { HandoffTotals1764200000000 } from './1764200000000-HandoffTotals';

/** Every migration, in order. Listed explicitly so source (tests) and compiled code run the same set. */
export const MIGRATIONS = [ContactsFoundation1764000000000, StatsCoarserGrains1764100000000, HandoffTotals1764200000000];
