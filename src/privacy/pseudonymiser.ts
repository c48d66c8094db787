import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertPseudonymKey } from './pseudonym-key';

/**
 * Case references identify vulnerable residents: they are replaced by a keyed HMAC-SHA-256
 * before they reach a queue, a table or a log. Same key + same reference = same pseudonym,
 * so repeat contacts and journeys can still be linked.
 */
export class Pseudonymiser {
  constructor(readonly key: string) {}

  pseudonymise(caseRef: string): string {
    return createHmac('sha256', this.key).update(caseRef.trim(), 'utf8').digest('hex');
  }
}

/** Only for development and tests, when PSEUDONYM_KEY is unset (production refuses to start). */
export const DEVELOPMENT_PSEUDONYM_KEY = 'development-only-pseudonym-key-not-for-production';

/** Before the service takes any work: its key must be the one the database's pseudonyms were made with. */
@Injectable()
export class PseudonymKeyCheck implements OnApplicationBootstrap {
  constructor(
    private readonly ds: DataSource,
    private readonly pseudonymiser: Pseudonymiser,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return assertPseudonymKey(this.ds, this.pseudonymiser.key);
  }
}
