import { loadReferenceConfig } from '../config/reference-config';
import { liveToday, sseEvent } from './live-today';

describe('today so far', () => {
  const config = loadReferenceConfig('config');
  const at = new Date('2026-11-30T10:15:00Z');

  it('sums assisted and self-service and lists channels largest first, ties in config order', () => {
    const today = liveToday(config, '2026-11-30', [
      { channel: 'telephony', handling: 'assisted', count: 4 },
      { channel: 'online', handling: 'self_service', count: 4 },
      { channel: 'online', handling: 'assisted', count: 1 },
      { channel: 'chatbot', handling: 'self_service', count: 9 },
    ], 3, at);
    expect(today).toEqual({
      date: '2026-11-30', total: 18, assisted: 5, selfService: 13, waiting: 3, updatedAt: '2026-11-30T10:15:00.000Z',
      channels: [
        { channel: 'chatbot', handling: 'self_service', count: 9 },
        { channel: 'online', handling: 'self_service', count: 4 },
        { channel: 'telephony', handling: 'assisted', count: 4 },
        { channel: 'online', handling: 'assisted', count: 1 },
      ],
    });
  });

  it('is zero, not missing, before the first contact of the day', () => {
    expect(liveToday(config, '2026-11-30', [], 0, at)).toMatchObject({ total: 0, assisted: 0, selfService: 0, channels: [] });
  });

  it('is one Server-Sent Event after a comment line, its data on one line', () => {
    const event = sseEvent(liveToday(config, '2026-11-30', [{ channel: 'email', handling: 'assisted', count: 2 }], 0, at));
    const lines = event.split('\n');
    expect(lines[0]).toMatch(/^: /);
    expect(lines[1]).toBe('event: today');
    expect(JSON.parse(lines[2].replace(/^data: /, ''))).toMatchObject({ total: 2, assisted: 2 });
    expect(event.endsWith('\n\n')).toBe(true);
    expect(lines).toHaveLength(5);
  });
});
