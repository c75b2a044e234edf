// The outcome half of the evaluation: per scale, the paired change of matched people, its 95 % interval and effect size, small groups suppressed.
import { isSuppressed, sitesAndPool, suppress, type EvaluationRow, type GroupData, type Raw } from '../surveys/report';
import { pairedChange, type PairedChange } from './stats';

/** A paired change, or a group too small to show. A suppressed cell never carries its figures. */
export type ChangeCell = PairedChange | { suppressed: true; complementary?: true };

export interface OutcomeGroup {
  /** The site's name; null for all sites together. */
  site: string | null;
  /** Per scale id: the change among people who answered both waves at the site and scored the scale both times. */
  scales: Record<string, ChangeCell>;
}

export interface OutcomeReport {
  minGroupSize: number;
  level: number;
  scales: { id: string; title: string }[];
  sites: OutcomeGroup[];
  overall: OutcomeGroup;
}

const SUPPRESSED: { suppressed: true } = { suppressed: true };

/** The follow-up − baseline differences of one scale among a group's matched pairs scored both times. */
export function scaleDifferences(group: GroupData, scaleId: string): number[] {
  const differences: number[] = [];
  for (const pair of group.matched) {
    const before = pair.baseline.scores[scaleId];
    const after = pair.followUp.scores[scaleId];
    if (typeof before === 'number' && typeof after === 'number' && Number.isFinite(before) && Number.isFinite(after)) {
      differences.push(after - before);
    }
  }
  return differences;
}

/**
 * Per scale, per site and for all sites: matched pairs (same code, same site, one response per wave, the
 * latest kept, as the evaluation report matches them), the mean change with its confidence interval on
 * Student's t with n − 1 degrees of freedom, Cohen's d_z and Hedges' g_z. A cell resting on fewer than
 * minGroupSize pairs is suppressed, and so is the smallest shown site when a suppressed one could be worked
 * out from the total (the report's complementary suppression, applied to the number of pairs).
 */
export function outcomeReport(
  rows: EvaluationRow[],
  scales: { id: string; title: string }[],
  minGroupSize: number,
  level = 0.95,
): OutcomeReport {
  const { siteNames, siteGroups: groups, overallGroup: pooled } = sitesAndPool(rows, minGroupSize);

  const sites: OutcomeGroup[] = siteNames.map((site) => ({ site, scales: {} }));
  const overall: OutcomeGroup = { site: null, scales: {} };
  for (const scale of scales) {
    const siteDifferences = groups.map((group) => scaleDifferences(group, scale.id));
    const overallDifferences = scaleDifferences(pooled, scale.id);
    const raw = (differences: number[]): Raw => ({ value: differences.length ? differences.length : null, size: differences.length });
    const cells = suppress(siteDifferences.map(raw), raw(overallDifferences), minGroupSize);
    sites.forEach((group, i) => {
      group.scales[scale.id] = isSuppressed(cells.sites[i]) ? SUPPRESSED : pairedChange(siteDifferences[i], level);
    });
    overall.scales[scale.id] = isSuppressed(cells.overall) ? SUPPRESSED : pairedChange(overallDifferences, level);
  }
  return { minGroupSize, level, scales: scales.map((s) => ({ id: s.id, title: s.title })), sites, overall };
}

export function isSuppressedChange(cell: ChangeCell): cell is { suppressed: true; complementary?: true } {
  return 'suppressed' in cell && cell.suppressed === true;
}
