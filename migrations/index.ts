import { ContactsFoundation1764000000000 } from './1764000000000-ContactsFoundation';
import { ConversationTiers1764100000000 } from './1764100000000-ConversationTiers';
import { StatsCoarserGrains1764300000000 } from './1764300000000-StatsCoarserGrains';
import { HandoffTotals1764400000000 } from './1764400000000-HandoffTotals';
import { UpdateRoom1764500000000 } from './1764500000000-UpdateRoom';
import { DeadLettersAndBatchCount1764600000000 } from './1764600000000-DeadLettersAndBatchCount';
import { PseudonymKey1764700000000 } from './1764700000000-PseudonymKey';
import { ReportInputs1764800000000 } from './1764800000000-ReportInputs';
import { Imports1765000000000 } from './1765000000000-Imports';
import { HalfHourProfile1765400000000 } from './1765400000000-HalfHourProfile';

/** Every migration, in order. Listed explicitly so source (tests) and compiled code run the same set. */
export const MIGRATIONS = [
  ContactsFoundation1764000000000,
  ConversationTiers1764100000000,
  StatsCoarserGrains1764300000000,
  HandoffTotals1764400000000,
  UpdateRoom1764500000000,
  DeadLettersAndBatchCount1764600000000,
  PseudonymKey1764700000000,
  ReportInputs1764800000000,
  Imports1765000000000,
  HalfHourProfile1765400000000,
];
