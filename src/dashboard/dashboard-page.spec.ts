import { loadReferenceConfig } from '../config/reference-config';
import { parsePeriod } from '../periods/period';
import { dashboardPage, periodShortName, periodTitle } from './dashboard-page';

describe('the dashboard page', () => {
  const config = loadReferenceConfig('config');
  const fy = parsePeriod({ period: 'FY2021-22' });

  it('names periods as the picker and titles write them', () => {
    expect(periodTitle(fy)).toBe('FY2021-22 (Apr 2021–Mar 2022)');
    expect(periodTitle(parsePeriod({ period: 'FY2021-22-Q3' }))).toBe('FY2021-22 Q3 (Oct–Dec 2021)');
    expect(periodTitle(parsePeriod({ period: '2021-12' }))).toBe('December 2021');
    expect(periodTitle(parsePeriod({ period: '2021' }))).toBe('2021');
    expect(periodShortName(parsePeriod({ period: 'FY2021-22-Q3' }))).toBe('FY2021-22 Q3');
    expect(periodShortName(parsePeriod({ period: '2021-11' }))).toBe('Nov 2021');
  });

  it('has no inline script or style for the CSP to block', () => {
    const html = dashboardPage(config, { period: fy });
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('carries the period, the previous period and the centre for its script, escaped', () => {
    const html = dashboardPage(config, { period: fy, centre: 'here2help', problem: 'centre: "<b>"' });
    expect(html).toContain('data-from="2021-04-01" data-to="2022-03-31"');
    expect(html).toContain('data-previous-from="2020-04-01" data-previous-to="2021-03-31"');
    expect(html).toContain('data-centre="here2help"');
    expect(html).toContain('<option value="here2help" selected>');
    expect(html).toContain('data-problem="centre: &#34;&#60;b&#62;&#34;"');
    expect(html).toContain('<option value="FY2021-22" selected>');
  });
});
