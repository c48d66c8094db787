import { appendix1Contacts, readAppendix1 } from './appendix1';

describe('Appendix 1 seed', () => {
  const rows = readAppendix1();

  it('holds the nine rows of the seed and their totals', () => {
    expect(rows).toHaveLength(9);
    const assisted = rows.filter((r) => r.handling === 'assisted').reduce((s, r) => s + r.contacts, 0);
    const self = rows.filter((r) => r.handling === 'self_service').reduce((s, r) => s + r.contacts, 0);
    expect([assisted, self]).toEqual([112_374, 524_309]);
  });

  it('spreads each row over 2021 in Europe/London, count for count', () => {
    const perRow = new Map<string, number>();
    const ids = new Set<string>();
    const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
    let outside2021 = 0;
    for (const c of appendix1Contacts(rows)) {
      if (!londonDate.format(new Date(c.occurredAt)).startsWith('2021-')) outside2021++;
      ids.add(c.id);
      const key = `${c.channel}/${c.handling}/${c.source ?? ''}`;
      perRow.set(key, (perRow.get(key) ?? 0) + 1);
    }
    expect(outside2021).toBe(0);
    expect(ids.size).toBe(636_683);
    for (const r of rows) expect(perRow.get(`${r.channel}/${r.handling}/${r.source ?? ''}`)).toBe(r.contacts);
  });
});
