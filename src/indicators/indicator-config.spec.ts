import { loadReferenceConfig } from '../config/reference-config';
import { loadIndicators } from './indicator-config';

describe('the scorecard config', () => {
  it('ships the derived five and the reported compliments, defaults filled in', () => {
    const byId = new Map(loadReferenceConfig('config').indicators.map((d) => [d.id, d]));
    for (const id of ['self_service_share', 'chatbot_containment', 'first_contact_resolution', 'abandonment_rate', 'front_door_resolution']) {
      expect(byId.get(id)).toMatchObject({ source: 'derived', figure: expect.any(String) });
    }
    expect(byId.get('abandonment_rate')).toMatchObject({ polarity: 'lower' });
    expect(byId.get('compliments_received')).toEqual({
      id: 'compliments_received', title: 'Compliments received', source: 'reported', unit: 'count', polarity: 'none', target: null,
      margin: 0.05, band: 0.01, noun: 'compliments received',
    });
  });

  it.each([
    [{ indicators: {} }, "'indicators' must be a list"],
    [{ indicators: [{ id: 'A b', title: 't', source: 'reported', unit: 'count', polarity: 'none' }] }, 'indicators[0] id must be a slug'],
    [{ indicators: [{ id: 'a', title: 't', source: 'derived', unit: 'share', polarity: 'higher' }] }, 'indicators[0] is derived, so it needs a figure'],
    [{ indicators: [{ id: 'a', title: 't', source: 'reported', unit: 'pounds', polarity: 'none' }] }, 'indicators[0] unit must be one of'],
    [{ indicators: [{ id: 'a', title: 't', source: 'reported', unit: 'count', polarity: 'up' }] }, 'indicators[0] polarity must be one of'],
    [{ indicators: [{ id: 'a', title: 't', source: 'reported', unit: 'share', polarity: 'higher', target: '90%' }] }, 'indicators[0] target must be a number'],
    [{ indicators: [{ id: 'a', title: 't', source: 'reported', unit: 'count', polarity: 'none' }, { id: 'a', title: 't', source: 'reported', unit: 'count', polarity: 'none' }] },
      'indicators[1] id a is listed twice'],
  ])('refuses %j: %s', (raw, problem) => {
    expect(() => loadIndicators(raw, 'config/indicators.json')).toThrow(`config/indicators.json: ${problem}`);
  });
});
