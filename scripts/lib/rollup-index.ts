// The roll-up's implementation index: per organization, how many sites meet each indicator's target and the share of indicators on target, suppressed across organizations.
import { INDICATORS, implementationIndex, publishableIndex, type IndicatorName } from '../../addon/evaluation/implementation';
import { isSuppressed, suppress, suppressedText, type ReportCell } from '../../addon/surveys/report';
import type { Settings } from '../../addon/tracker/settings';
import type { Tables } from '../../addon/tracker/table';

/** One indicator across an organization's sites, counted over the site figures it may publish itself. */
export interface IndicatorCount {
  name: IndicatorName;
  /** Sites whose figure meets the target. */
  onTarget: number;
  /** Sites with a figure (a staff share hidden at the site is not one). */
  withFigure: number;
  /**
   * Staff the counted figures rest on (staff shares only): what the roll-up's minimum group size is
   * checked against. Null for indicators that describe a site, not people (roles filled, events).
   */
  staff: number | null;
  /** The figures could not be read (the Staff records workbook holding the wages was not readable): shown as unavailable, never as 0. */
  unavailable?: true;
}

/** What a count shows when the tab it rests on could not be read. */
export const UNAVAILABLE = 'unavailable (Staff records workbook not readable)';

export const SECTION = 'Implementation';
export const SHARE_MEASURE = `${SECTION}|Share of indicators on target (%)`;

export function onTargetMeasure(name: string): string {
  return `${SECTION}|${name}: sites on target`;
}

export function withFigureMeasure(name: string): string {
  return `${SECTION}|${name}: sites with a figure`;
}

/**
 * An organization's index on a day, from the add-on's implementationIndex, released as publishableIndex does: a site's
 * staff share resting on fewer staff than the organization's own minimum is left out before anything is
 * added up, so the roll-up never holds more about a small site than the organization's own reports.
 * An indicator in `unavailable` (its tab could not be read) is marked so rather than counted.
 */
export function organizationIndex(tables: Tables, settings: Settings, today: string, unavailable: ReadonlySet<IndicatorName> = new Set()): IndicatorCount[] {
  if (!tables.Sites) return emptyIndex();
  const { sites } = implementationIndex(tables, settings, { periodEnds: [today] });
  const shown = publishableIndex(sites, settings.minimumGroupSize);
  return INDICATORS.map((definition, i) => {
    if (unavailable.has(definition.name)) return { name: definition.name, onTarget: 0, withFigure: 0, staff: definition.kind === 'share' ? 0 : null, unavailable: true };
    let onTarget = 0;
    let withFigure = 0;
    let staff = 0;
    for (const site of shown) {
      const period = site.indicators[i].periods[0];
      if (period.status === 'none') continue;
      withFigure++;
      if (period.status === 'green') onTarget++;
      staff += period.basis;
    }
    return { name: definition.name, onTarget, withFigure, staff: definition.kind === 'share' ? staff : null };
  });
}

/** The counts of an organization without sites (or without an index): nothing on target, nothing counted. */
export function emptyIndex(): IndicatorCount[] {
  return INDICATORS.map((d) => ({ name: d.name, onTarget: 0, withFigure: 0, staff: d.kind === 'share' ? 0 : null }));
}

/** What an organization (or the total) shows for one indicator: two counts, or both hidden. */
interface Shown {
  onTarget: number | string;
  withFigure: number | string;
  hidden: boolean;
}

/**
 * Per indicator, every organization's counts beside the total, suppressed together as the roll-up
 * suppresses evaluation figures (surveys/report.ts, suppress): the organizations are the groups, the
 * staff a count rests on their size, the strictest minimum applies. A count resting on fewer staff is
 * hidden, and so is the next smallest organization's wherever a lone hidden one could be worked out
 * as the total minus the shown ones. Counts about sites, not people (roles filled, events), are shown.
 * The share of indicators on target is then taken over each column's shown counts only, so it cannot
 * give a hidden count away. Returns the figures to add, per organization and for the total.
 */
export function indexFigures(organizations: readonly IndicatorCount[][], minimumGroupSize: number): { organizations: Map<string, number | string>[]; total: Map<string, number | string> } {
  const columns = organizations.map(() => new Map<string, number | string>());
  const total = new Map<string, number | string>();
  const shares = [...organizations.map(() => ({ on: 0, known: 0 })), { on: 0, known: 0 }];
  INDICATORS.forEach((definition, i) => {
    const counts = organizations.map((org) => org[i]);
    const sum = (pick: (c: IndicatorCount) => number): number => counts.reduce((n, c) => n + pick(c), 0);
    let cells: Shown[];
    if (definition.kind === 'share') {
      const raws = counts.map((c) => ({ value: c.onTarget, size: c.staff ?? 0 }));
      const suppressed = suppress(raws, { value: sum((c) => c.onTarget), size: sum((c) => c.staff ?? 0) }, minimumGroupSize);
      const shown = (cell: ReportCell, onTarget: number, withFigure: number, staff: number): Shown => {
        // A count about nobody protects no one: it is shown as the zero it is.
        if (staff === 0) return { onTarget: 0, withFigure: 0, hidden: false };
        if (isSuppressed(cell)) { const text = suppressedText(cell, minimumGroupSize).replace('people', 'staff'); return { onTarget: text, withFigure: text, hidden: true }; }
        return { onTarget, withFigure, hidden: false };
      };
      cells = [
        ...counts.map((c, o) => shown(suppressed.sites[o], c.onTarget, c.withFigure, c.staff ?? 0)),
        shown(suppressed.overall, sum((c) => c.onTarget), sum((c) => c.withFigure), sum((c) => c.staff ?? 0)),
      ];
    } else {
      cells = [...counts.map((c) => ({ onTarget: c.onTarget, withFigure: c.withFigure, hidden: false })), { onTarget: sum((c) => c.onTarget), withFigure: sum((c) => c.withFigure), hidden: false }];
    }
    // An organization whose figures could not be read shows so, and the total, short of it, too.
    if (counts.some((c) => c.unavailable)) {
      const gone: Shown = { onTarget: UNAVAILABLE, withFigure: UNAVAILABLE, hidden: true };
      cells = cells.map((cell, o) => (o === counts.length || counts[o].unavailable ? gone : cell));
    }
    cells.forEach((cell, o) => {
      const target = o < columns.length ? columns[o] : total;
      target.set(onTargetMeasure(definition.name), cell.onTarget);
      target.set(withFigureMeasure(definition.name), cell.withFigure);
      if (!cell.hidden) { shares[o].on += Number(cell.onTarget); shares[o].known += Number(cell.withFigure); }
    });
  });
  shares.forEach((share, o) => {
    const value = share.known > 0 ? Math.round((share.on / share.known) * 10000) / 100 : '';
    const target = o < columns.length ? columns[o] : total;
    // First in the section: the headline figure, then the counts behind it.
    const entries = [...target];
    target.clear();
    target.set(SHARE_MEASURE, value);
    for (const [key, v] of entries) target.set(key, v);
  });
  return { organizations: columns, total };
}
