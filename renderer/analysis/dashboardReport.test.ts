import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bucketsOf, periodFor } from '../../shared/dashboard/period.ts';
import { emptyRow, rollupKey, type RollupRow } from '../../shared/dashboard/rollups.ts';
import { summarize } from '../../shared/dashboard/summary.ts';
import { initI18n } from '../i18n/i18n.ts';
import { dashboardCsv, dashboardFigures } from './dashboardReport.ts';

const DAY = 86_400_000;
const UTC = {
  startOfDay: (t: number) => Math.floor(t / DAY) * DAY,
  addDays: (t: number, n: number) => t + n * DAY,
};
const NOW = Date.UTC(2026, 10, 20, 13, 30);

function row(hour: number, channel: string, counts: Partial<RollupRow>): RollupRow {
  return { ...emptyRow(rollupKey(hour, channel, 'belnet', 1)), ...counts };
}

const period = periodFor('7d', NOW, UTC);
const rows = [
  row(period.from + 3 * 3_600_000, 'email', {
    incoming: 12,
    negative: 7,
    neutral: 3,
    positive: 2,
    complaints: 8,
  }),
  row(period.from + 2 * DAY + 9 * 3_600_000, 'x', {
    incoming: 30,
    negative: 20,
    neutral: 6,
    positive: 4,
    flags: 2,
  }),
  row(NOW - 3_600_000, 'x', { incoming: 5, negative: 1, neutral: 2, positive: 2, rt15m: 3, responded: 3 }),
];
const b = bucketsOf(period, UTC);
const summary = summarize(rows, { ...period, channel: null, brand: null }, b.starts, b.bucketOf);
const backlog = {
  open: 9,
  perChannel: [
    { channel: 'x', open: 6 },
    { channel: 'email', open: 3 },
  ],
  perAgent: [{ agent: 'agent-me', open: 9 }],
  flagsOpen: 2,
};

beforeAll(async () => {
  // jsdom has no canvas: ECharts then estimates text widths itself (as in server-side rendering),
  // without jsdom's "not implemented" message for every label.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  await initI18n('en');
});

describe('dashboardFigures (the charts of the printed report)', () => {
  for (const lang of ['en', 'nl'] as const) {
    it(`draws every dashboard chart as an SVG with its caption, in ${lang}`, () => {
      const t = i18next.getFixedT(lang, 'dashboard');
      const channelName = (c: string) =>
        i18next.t(`channels.${c}` as 'channels.email', { lng: lang, ns: 'app' });
      const figures = dashboardFigures({
        t,
        lang,
        period,
        summary,
        backlog,
        channelName,
        agentName: () => 'Marloes',
        // The app's font stack has quoted names, as the body's computed style gives it.
        font: '"Segoe UI", system-ui, sans-serif',
      });
      expect(figures.map((f) => f.caption)).toEqual([
        t('charts.volume'),
        t('charts.sentiment'),
        t('charts.kinds'),
        t('charts.response', { target: lang === 'nl' ? '1 u' : '1 h' }),
        t('charts.flags'),
        t('charts.backlog'),
        t('charts.agents'),
      ]);
      expect(figures.filter((f) => f.wide)).toHaveLength(1);
      for (const f of figures) {
        expect(f.svg).toMatch(/^<svg [^>]*width="\d+" height="\d+"/);
        // Paper is white in both themes.
        expect(f.svg).toContain('fill="#ffffff"');
        expect(f.svg).toContain('</svg>');
        // A well-formed SVG document: an <img> shows nothing at all for a broken one.
        const doc = new DOMParser().parseFromString(f.svg, 'image/svg+xml');
        expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
        expect(doc.documentElement.tagName).toBe('svg');
      }
      const [volume] = figures;
      // The legend names the channels in the UI language, and the bars are drawn.
      expect(volume!.svg).toContain(channelName('email'));
      expect(volume!.svg).toContain(channelName('x'));
      expect((volume!.svg.match(/<path /g) ?? []).length).toBeGreaterThan(10);
      // The agents chart has the agent's name.
      expect(figures[6]!.svg).toContain('Marloes');
    });
  }

  it('leaves out the backlog charts when there is no backlog (a stored report without one)', () => {
    const t = i18next.getFixedT('en', 'dashboard');
    const figures = dashboardFigures({
      t,
      lang: 'en',
      period,
      summary,
      backlog: undefined,
      channelName: (c) => c,
      agentName: (a) => a,
    });
    expect(figures.map((f) => f.caption)).not.toContain(t('charts.backlog'));
    expect(figures).toHaveLength(5);
  });

  it('exports one CSV line per day with the totals of the rollups', () => {
    const lines = dashboardCsv(summary).trim().split('\n');
    expect(lines).toHaveLength(8);
    const incoming = lines.slice(1).reduce((s, l) => s + Number(l.split(',')[1]), 0);
    expect(incoming).toBe(47);
  });
});
