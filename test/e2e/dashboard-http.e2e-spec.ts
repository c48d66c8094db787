import { startTestApp, TestApp } from '../support/test-app';

describe('GET / and the dashboard files over HTTP, with API keys configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: 'read:page-read-key-0123456789' });
  });
  afterAll(() => t.close());

  it('serves the page without a key, under its own strict policy', async () => {
    const page = await t.http.get('/?period=FY2021-22').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self'; style-src 'self';/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-powered-by']).toBeUndefined();
    expect(page.text).not.toContain('page-read-key-0123456789');
    await t.http.get('/v1/live').expect(401);
  });

  it('serves every file the page and its modules ask for, without a key', async () => {
    const page = await t.http.get('/').expect(200);
    const files = new Set([...page.text.matchAll(/(?:src|href)="(\/dashboard\/[^"]+)"/g)].map((m) => m[1]));
    // The modules' own imports, followed to the end (a Set visits what is added while iterating).
    for (const file of files) {
      const res = await t.http.get(file).expect(200);
      expect(res.headers['content-type']).toMatch(file.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      if (file.endsWith('.min.js') || !file.endsWith('.js')) continue;
      for (const m of res.text.matchAll(/from '\.\/([a-z-]+\.js)'/g)) files.add(`/dashboard/${m[1]}`);
    }
    expect([...files].sort()).toEqual([
      '/dashboard/api.js', '/dashboard/cards.js', '/dashboard/charts.js', '/dashboard/dashboard.css', '/dashboard/dashboard.js',
      '/dashboard/echarts.min.js', '/dashboard/forecast.js', '/dashboard/format.js', '/dashboard/live.js', '/dashboard/tables.js',
    ]);
  });

  it('answers 404 for any other name, and never outside its folder', async () => {
    for (const path of ['/dashboard/nothing.js', '/dashboard/dashboard.controller.ts', '/dashboard/..%2Fdashboard.controller.js', '/dashboard/%2e%2e%2fpackage.json']) {
      const res = await t.http.get(path).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404 });
    }
  });

  it('says what is wrong with a bad period or centre on the page, with 400', async () => {
    const period = await t.http.get('/?period=2021-13').expect(400);
    expect(period.text).toMatch(/data-problem="period: [^"]+"/);
    const centre = await t.http.get('/?period=2021&centre=nowhere').expect(400);
    expect(centre.text).toMatch(/data-problem="centre: unknown centre; one of customer_services/);
    const both = await t.http.get('/?period=2021&from=2021-01-01&to=2021-02-01').expect(400);
    expect(both.text).toMatch(/data-problem="[^"]+"/);
  });
});
