// The implementation index as the scripts let it leave the organization: the add-on's publishableIndex, and the training share checked against the people it is about.
import { publishableIndex, type IndicatorResult, type SiteIndex } from '../../addon/evaluation/implementation';
import { rosterHeadcount } from '../../addon/evaluation/waves';
import type { Tables } from '../../addon/tracker/table';

const PER_PERSON_TOPIC = 'Required training covered';

/**
 * publishableIndex hides a staff share whose basis is below the minimum group size. For "Required
 * training covered" that basis counts person × required topic pairs, so three people with three topics
 * each pass a minimum of 5 while the share is about three people. Here that share is also hidden where
 * the site's roster on the day (the add-on's rosterHeadcount) is below the minimum, and the share in
 * place is counted again over what is left.
 */
export function releasableIndex(sites: SiteIndex[], tables: Tables, minGroupSize: number): SiteIndex[] {
  const headcounts = new Map<string, Map<string, number>>();
  const people = (site: string, day: string): number => {
    if (!headcounts.has(day)) headcounts.set(day, rosterHeadcount(tables, day));
    return headcounts.get(day)!.get(site) ?? 0;
  };
  return publishableIndex(sites, minGroupSize).map((site) => {
    const indicators = site.indicators.map((indicator): IndicatorResult => {
      if (indicator.name !== PER_PERSON_TOPIC) return indicator;
      const periods = indicator.periods.map((p) => (people(site.site, p.end) < minGroupSize ? { ...p, value: null, basis: 0, status: 'none' as const } : p));
      // A typed baseline is shown with the first period, as publishableIndex shows it.
      const baselineDay = indicator.baseline.typed ? indicator.periods[0]?.end : indicator.baseline.date;
      const hideBaseline = baselineDay === null || baselineDay === undefined || people(site.site, baselineDay) < minGroupSize;
      return { ...indicator, periods, baseline: hideBaseline ? { ...indicator.baseline, value: null, basis: 0 } : indicator.baseline };
    });
    const inPlace = site.inPlace.map((_, i) => {
      const known = indicators.filter((indicator) => indicator.periods[i].status !== 'none');
      return known.length ? known.filter((indicator) => indicator.periods[i].status === 'green').length / known.length : null;
    });
    return { ...site, indicators, inPlace };
  });
}
