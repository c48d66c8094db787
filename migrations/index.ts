import { ContactsFoundation1764000000000 } from './1764000000000-ContactsFoundation';
import { ConversationTiers1764100000000 } from './1764100000000-ConversationTiers';

/** Every migration, in order. Listed explicitly so source (tests) and compiled code run the same set. */
export const MIGRATIONS = [ContactsFoundation1764000000000, ConversationTiers1764100000000];
