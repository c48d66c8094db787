import { loadReferenceConfig } from '../config/reference-config';
import { CONTACT_ROW_COLUMNS } from '../database/contact-columns';
import { Pseudonymiser } from '../privacy/pseudonymiser';
import type { ContactEventDto } from './dto/contact-event.dto';
import { renderContactRows } from './contact-rows';

/**
 * The hot-path renderer writes its columns by hand (≈ 80k contacts/s); this checks it writes
 * exactly the columns of database/contact-columns.ts, in that order.
 */
describe('renderContactRows writes CONTACT_ROW_COLUMNS in order', () => {
  const config = loadReferenceConfig('config');
  const pseudonymiser = new Pseudonymiser('test-key-0123456789abcdef0123456789');

  function columnsOf(event: ContactEventDto): Record<string, string> {
    const { rows } = renderContactRows(config, pseudonymiser, [event]);
    const values = rows.slice(0, -1).split('\t');
    expect(values).toHaveLength(CONTACT_ROW_COLUMNS.length);
    return Object.fromEntries(CONTACT_ROW_COLUMNS.map((c, i) => [c, values[i]]));
  }

  it('puts every field of a full contact under its column', () => {
    expect(
      columnsOf({
        id: 'e-1', source: 'netcall', occurredAt: '2021-12-01T18:30:00Z', channel: 'telephony', handling: 'assisted',
        centre: 'customer_services', service: 'blue_badge', category: 'simple_transaction', outcome: 'handed_off',
        handedOffTo: 'adult_social_care', waitSeconds: 12, durationSeconds: 340, satisfaction: 4, caseRef: 'CASE-1',
      } as ContactEventDto),
    ).toEqual({
      source: 'netcall', source_id: 'e-1', occurred_at: '2021-12-01T18:30:00.000Z', local_date: '2021-12-01',
      channel: 'telephony', handling: 'assisted', centre: 'customer_services', service: 'blue_badge', category: 'simple_transaction',
      outcome: 'handed_off', handed_off_to: 'adult_social_care', wait_seconds: '12', duration_seconds: '340',
      satisfaction: '4', case_ref: pseudonymiser.pseudonymise('CASE-1'), out_of_hours: 't',
    });
  });

  it('writes absent fields as \\N and fills the defaults', () => {
    const row = columnsOf({ id: 'e-2', occurredAt: '2021-12-01T10:00:00Z', channel: 'online' } as ContactEventDto);
    expect(row).toMatchObject({ source: 'api', handling: config.defaultHandling('online'), centre: '\\N', case_ref: '\\N', out_of_hours: 'f' });
  });
});
