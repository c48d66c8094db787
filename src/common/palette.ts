/**
 * The one categorical palette of every chart, in the report and on the dashboard, in series
 * order (assisted and self-service are the first two: blue and orange, told apart by hue).
 * Each colour has at least 4.5:1 contrast on white, so marks and their labels stay legible.
 */
export const CHART_PALETTE = ['#1d70b8', '#c65400', '#00703c', '#912b88', '#505a5f'] as const;
