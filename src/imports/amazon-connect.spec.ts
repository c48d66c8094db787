import 'reflect-metadata';
import { CTR_CONTACTS, CTR_RECORDS, CTR_SKIPS } from '../../test/support/amazon-connect-records';
import { contactFromCtr } from './amazon-connect';

const QUEUES = { CouncilTax: 'customer_services', Highways: 'highways_transport' };

describe('Amazon Connect contact records → contacts', () => {
  const results = Object.fromEntries(CTR_RECORDS.map((r) => [r.ContactId, contactFromCtr(r, QUEUES)]));

  it.each(Object.entries(CTR_CONTACTS))('%s becomes the contact worked out by hand', (id, expected) => {
    expect(results[id]).toEqual({ contact: { id, source: 'amazon_connect', occurredAt: '2021-05-04T09:00:00Z', ...expected } });
  });

  it.each(Object.entries(CTR_SKIPS))('%s is skipped with its reason', (id, reason) => {
    expect(results[id]).toEqual({ skip: reason });
  });

  it('--source names the source; a queue in the map wins over Attributes.centre', () => {
    const r = contactFromCtr(
      { ContactId: 'x', InitiationMethod: 'INBOUND', Channel: 'VOICE', InitiationTimestamp: 't', Queue: { Name: 'Highways', Duration: 1 }, Attributes: { centre: 'here2help' } },
      QUEUES,
      'connect_north',
    );
    expect(r).toMatchObject({ contact: { source: 'connect_north', centre: 'highways_transport', outcome: 'abandoned' } });
  });

  it('an empty Agent object is present (assisted, not abandoned); satisfaction only as a whole 1–5', () => {
    const base = { ContactId: 'x', InitiationMethod: 'INBOUND', Channel: 'VOICE', InitiationTimestamp: 't', Queue: { Name: 'Q', Duration: 2 } };
    expect(contactFromCtr({ ...base, Agent: {} }, {})).toEqual({
      contact: { id: 'x', source: 'amazon_connect', occurredAt: 't', channel: 'telephony', handling: 'assisted', waitSeconds: 2, durationSeconds: 0 },
    });
    for (const s of ['0', '6', '4.5', 'four', '']) {
      expect((contactFromCtr({ ...base, Agent: {}, Attributes: { satisfaction: s } }, {}) as { contact: object }).contact).not.toHaveProperty('satisfaction');
    }
  });

  it('a record without InitiationMethod, or of an unknown channel, is a problem, not a skip', () => {
    expect(contactFromCtr({ ContactId: 'x', Channel: 'VOICE' }, {})).toEqual({ problem: 'InitiationMethod: missing' });
    expect(contactFromCtr({ ContactId: 'x', InitiationMethod: 'INBOUND', Channel: 'SMS' }, {})).toEqual({ problem: 'Channel: must be VOICE, CHAT, EMAIL or TASK' });
  });
});
