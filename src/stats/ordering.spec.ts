import { loadReferenceConfig, ReferenceConfig } from '../config/reference-config';
import { centreRank, channelRank, largestFirst } from './ordering';

describe('config order', () => {
  const config = loadReferenceConfig('config');
  const rows = [
    { channel: 'pigeon', handling: 'assisted', count: 5 },
    { channel: 'online', handling: 'assisted', count: 5 },
    { channel: 'telephony', handling: 'assisted', count: 9 },
    { channel: 'online', handling: 'self_service', count: 5 },
  ];
  const names = (list: typeof rows) => list.map((r) => `${r.channel}/${r.handling}`);

  it('puts configured channels in file order, self-service first, unknown channels last', () => {
    const rank = channelRank(config);
    expect(names([...rows].sort((a, b) => rank(a) - rank(b)))).toEqual([
      'online/self_service', 'online/assisted', 'telephony/assisted', 'pigeon/assisted',
    ]);
  });

  it('orders a channel\'s handlings as configured when asked (the cost table)', () => {
    const assistedFirst = Object.assign(Object.create(config) as ReferenceConfig, {
      channels: config.channels.map((c) => (c.channel === 'online' ? { ...c, handlings: ['assisted', 'self_service'] } : c)),
    });
    const rank = channelRank(assistedFirst, 'as configured');
    expect(names([...rows].sort((a, b) => rank(a) - rank(b)))).toEqual([
      'online/assisted', 'online/self_service', 'telephony/assisted', 'pigeon/assisted',
    ]);
  });

  it('sorts largest count first, ties in config order', () => {
    expect(names([...rows].sort(largestFirst(channelRank(config))))).toEqual([
      'telephony/assisted', 'online/self_service', 'online/assisted', 'pigeon/assisted',
    ]);
  });

  it('ranks centres in file order, with no centre and unknown centres last', () => {
    const rank = centreRank(config);
    const centres = [null, 'nowhere', ...[...config.centreNames].reverse()];
    expect([...centres].sort((a, b) => rank(a) - rank(b))).toEqual([...config.centreNames, null, 'nowhere']);
  });
});
