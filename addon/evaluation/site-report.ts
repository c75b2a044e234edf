// One site on one page: how much of ROSE is in place beside how its people's answers changed, as rows for a tab or a document.
import { isSuppressed, type ReportCell } from '../surveys/report';
import type { IndicatorResult, IndicatorStatus, SiteIndex } from './implementation';
import { isSuppressedChange, type OutcomeGroup } from './outcome';
import type { SiteWave } from './waves';

export interface SiteReportInput {
  index: SiteIndex;
  wave: SiteWave;
  /** The site's outcome: final when its follow-up is closed (a frozen snapshot), else provisional. */
  outcome: { final: boolean; outcome: OutcomeGroup };
  scales: { id: string; title: string }[];
  minGroupSize: number;
}

const LIGHT: Record<IndicatorStatus, string> = { green: 'Met', amber: 'Halfway or more', red: 'Less than halfway', none: 'No figure' };

function figure(indicator: IndicatorResult, value: number | null): string {
  if (value === null) return '—';
  if (indicator.kind === 'share') return `${Math.round(value * 100)}%`;
  if (indicator.kind === 'filled') return value >= 1 ? 'Yes' : 'No';
  return String(value);
}

function count(cell: ReportCell, hidden: string): string {
  return isSuppressed(cell) ? (cell.complementary ? COMPLEMENTARY : hidden) : String(cell);
}

/** A figure about enough people, hidden because a smaller group could be worked out from it and the totals. */
const COMPLEMENTARY = 'hidden to protect a smaller group';

function signed(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(2)}`;
}

/**
 * The rows of a site's one-page report, four columns wide: the implementation index (each indicator's
 * baseline, target, latest figure and light, then the share of the model in place), the follow-up wave's
 * state and counts, and per scale the matched change with its 95 % interval and effect size. Figures
 * about fewer people than the minimum group size say so instead of showing a number.
 */
export function siteReportRows(input: SiteReportInput): string[][] {
  const { index, wave, outcome, scales, minGroupSize } = input;
  const hidden = `fewer than ${minGroupSize}`;
  const last = index.inPlace.length - 1;
  const end = index.indicators[0] ? index.indicators[0].periods[last].end : '';
  const rows: string[][] = [
    [`${index.site}: ROSE in place and what changed`, '', '', ''],
    [`ROSE implementation, ${end}`, 'Baseline', 'Target', 'Now'],
  ];
  for (const indicator of index.indicators) {
    const now = indicator.periods[last];
    const note = indicator.currentStateOnly ? ' (as the Staff tab stands today)' : '';
    rows.push([`${indicator.name}${note}`, figure(indicator, indicator.baseline.value), figure(indicator, indicator.target), `${figure(indicator, now.value)} · ${LIGHT[now.status]}`]);
  }
  const inPlace = index.inPlace[last];
  rows.push(['Share of the model in place', '', '', inPlace === null ? '—' : `${Math.round(inPlace * 100)}%`]);
  rows.push(['Follow-up survey', 'Baseline', 'Follow-up', '']);
  rows.push(['When', wave.baselineFirst ? `${wave.baselineFirst} to ${wave.baselineLast}` : 'not yet', wave.followUpDue ? `from ${wave.followUpDue}` : '—', wave.state === 'closed' ? `closed ${wave.closedOn}` : wave.state]);
  rows.push(['People who answered', count(wave.baselineResponses, hidden), count(wave.followUpResponses, hidden), '']);
  rows.push(['On the roster', String(wave.headcountAtBaseline), String(wave.headcountAtFollowUp), '']);
  rows.push([outcome.final ? 'Change for people who answered both (final)' : 'Change for people who answered both (so far: not closed)', 'Change', '95% interval', 'Effect size (d_z)']);
  for (const scale of scales) {
    const cell = outcome.outcome.scales[scale.id];
    if (!cell || isSuppressedChange(cell)) {
      rows.push([scale.title, cell && isSuppressedChange(cell) && cell.complementary ? COMPLEMENTARY : hidden, '', '']);
      continue;
    }
    const interval = cell.lower === null || cell.upper === null ? '—' : `${signed(cell.lower)} to ${signed(cell.upper)}`;
    rows.push([`${scale.title} (n = ${cell.n})`, signed(cell.meanChange), interval, cell.cohenDz === null ? '—' : cell.cohenDz.toFixed(2)]);
  }
  rows.push([`Figures about fewer than ${minGroupSize} people are not shown, to protect privacy.`, '', '', '']);
  return rows;
}
