// Embedded charts of the local Workspace: Charts.ChartType, Sheet.newChart()'s EmbeddedChartBuilder and EmbeddedChart over SheetModel.charts.
//
// Follows the Spreadsheet service reference: a built chart is not on the sheet until Sheet.insertChart;
// EmbeddedChart.modify() returns a builder whose build() must be passed to Sheet.updateChart to take
// effect; getChartId() is null until the chart is inserted; ranges may not span sheets of another file.
import type { Host } from './host';
import { unwrap } from './expose';
import type { Bounds, ChartData, SheetModel, SpreadsheetModel } from './spreadsheet-model';

/** Charts.ChartType as Apps Script names it. */
export const ChartType = Object.freeze(Object.fromEntries([
  'TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR', 'LINE',
  'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL',
].map((n) => [n, n])) as Record<string, string>);

/** The Charts global: only the enums a Sheets add-on needs for embedded charts. */
export class ChartsService {
  readonly ChartType = ChartType;
}

/** What a range proxy carries, read through unwrap (the range class lives in spreadsheet.ts). */
interface RangeInner { _ss: SpreadsheetModel; _sheet: SheetModel; _bounds: Bounds }

type RangeMaker = (sheet: SheetModel, bounds: Bounds) => GoogleAppsScript.Spreadsheet.Range;

let nextChartId = 1;

/** A new chart ID, shared with the Sheets API's addChart so the two doors never hand out the same one. */
export function newChartId(): number {
  return nextChartId++;
}

/** Draft of a chart: what the builder accumulates before build(). */
interface Draft {
  id: number | null;
  type: string | null;
  ranges: { sheet: SheetModel; bounds: Bounds }[];
  position: ChartData['position'];
  options: Record<string, unknown>;
}

function rangeInner(range: unknown, method: string): RangeInner {
  const inner = unwrap(range) as Partial<RangeInner> | null;
  if (!inner || !inner._bounds || !inner._sheet) throw new Error(`Invalid argument: range (EmbeddedChartBuilder.${method})`);
  return inner as RangeInner;
}

export class EmbeddedChartBuilderImpl {
  constructor(private readonly host: Host, private readonly ss: SpreadsheetModel, private readonly makeRange: RangeMaker, readonly _draft: Draft) {}

  private self(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return this.host.wrap('EmbeddedChartBuilder', this) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    const inner = rangeInner(range, 'addRange');
    if (inner._ss !== this.ss) throw new Error('Invalid argument: range (a chart can only use ranges of its own spreadsheet)');
    this._draft.ranges.push({ sheet: inner._sheet, bounds: { ...inner._bounds } });
    return this.self();
  }
  removeRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    const inner = rangeInner(range, 'removeRange');
    const b = inner._bounds;
    this._draft.ranges = this._draft.ranges.filter((r) => !(r.sheet === inner._sheet && r.bounds.row === b.row && r.bounds.column === b.column
      && r.bounds.numRows === b.numRows && r.bounds.numColumns === b.numColumns));
    return this.self();
  }
  clearRanges(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this._draft.ranges = [];
    return this.self();
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._draft.ranges.map((r) => this.makeRange(r.sheet, { ...r.bounds }));
  }
  setChartType(type: string): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    if (typeof type !== 'string' || !(type in ChartType)) throw new Error(`Invalid argument: type "${String(type)}" (use Charts.ChartType)`);
    this._draft.type = type;
    return this.self();
  }
  getChartType(): string | null {
    return this._draft.type;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    for (const [name, value] of [['anchorRowPos', anchorRowPos], ['anchorColPos', anchorColPos], ['offsetX', offsetX], ['offsetY', offsetY]] as const) {
      if (!Number.isInteger(value) || value < (name.startsWith('anchor') ? 1 : 0)) throw new Error(`Invalid argument: ${name}`);
    }
    this._draft.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this.self();
  }
  getContainer(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    return containerInfo(this.host, this._draft.position);
  }
  setOption(option: string, value: unknown): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    if (typeof option !== 'string' || !option) throw new Error('Invalid argument: option');
    this._draft.options[option] = value;
    return this.self();
  }
  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    if (!this._draft.type) throw new Error('The chart type must be set before the chart is built (EmbeddedChartBuilder.setChartType).');
    if (!this._draft.ranges.length) throw new Error('A chart needs at least one range (EmbeddedChartBuilder.addRange).');
    const built: Draft = {
      id: this._draft.id, type: this._draft.type, ranges: this._draft.ranges.map((r) => ({ sheet: r.sheet, bounds: { ...r.bounds } })),
      position: { ...this._draft.position }, options: { ...this._draft.options },
    };
    return embeddedChart(this.host, this.ss, this.makeRange, built);
  }
}

export class EmbeddedChartImpl {
  constructor(private readonly host: Host, private readonly ss: SpreadsheetModel, private readonly makeRange: RangeMaker, readonly _draft: Draft) {}

  getChartId(): number | null {
    return this._draft.id;
  }
  /** Same identifier as getChartId, as the Sheet's chart list reports it. */
  getId(): number | null {
    return this._draft.id;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._draft.ranges.map((r) => this.makeRange(r.sheet, { ...r.bounds }));
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    const options = { ...this._draft.options };
    return this.host.wrap('ChartOptions', { get: (option: string) => (option in options ? options[option] : null) }) as unknown as GoogleAppsScript.Charts.ChartOptions;
  }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    return containerInfo(this.host, this._draft.position);
  }
  modify(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    const draft: Draft = {
      id: this._draft.id, type: this._draft.type, ranges: this._draft.ranges.map((r) => ({ sheet: r.sheet, bounds: { ...r.bounds } })),
      position: { ...this._draft.position }, options: { ...this._draft.options },
    };
    return this.host.wrap('EmbeddedChartBuilder', new EmbeddedChartBuilderImpl(this.host, this.ss, this.makeRange, draft)) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  }
}

function containerInfo(host: Host, position: ChartData['position']): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
  const p = { ...position };
  return host.wrap('ContainerInfo', {
    getAnchorRow: () => p.row, getAnchorColumn: () => p.column, getOffsetX: () => p.offsetX, getOffsetY: () => p.offsetY,
  });
}

function embeddedChart(host: Host, ss: SpreadsheetModel, makeRange: RangeMaker, draft: Draft): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  return host.wrap('EmbeddedChart', new EmbeddedChartImpl(host, ss, makeRange, draft)) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart;
}

function toData(draft: Draft, id: number): ChartData {
  return {
    id, type: draft.type!, ranges: draft.ranges.map((r) => ({ ...r.bounds })), position: { ...draft.position }, options: { ...draft.options },
  };
}

/** The chart methods of Sheet, working on one SheetModel. SheetImpl delegates to these. */
export class SheetCharts {
  constructor(private readonly host: Host, private readonly ss: SpreadsheetModel, private readonly sheet: SheetModel, private readonly makeRange: RangeMaker) {}

  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    const draft: Draft = { id: null, type: null, ranges: [], position: { row: 1, column: 1, offsetX: 0, offsetY: 0 }, options: {} };
    return this.host.wrap('EmbeddedChartBuilder', new EmbeddedChartBuilderImpl(this.host, this.ss, this.makeRange, draft)) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  }

  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const draft = this.draftOf(chart, 'insertChart');
    if (draft.id !== null && this.ss.sheets.some((s) => s.charts.some((c) => c.id === draft.id))) {
      throw new Error('This chart is already on the sheet: use Sheet.updateChart to change it.');
    }
    if (draft.ranges.some((r) => r.sheet !== this.sheet)) {
      throw new Error('Sheet.insertChart with a range of another sheet is not implemented by the local Workspace');
    }
    const id = newChartId();
    this.sheet.charts.push(toData(draft, id));
    draft.id = id;
  }

  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return this.sheet.charts.map((data) => embeddedChart(this.host, this.ss, this.makeRange, {
      id: data.id, type: data.type, ranges: data.ranges.map((b) => ({ sheet: this.sheet, bounds: { ...b } })),
      position: { ...data.position }, options: { ...data.options },
    }));
  }

  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const draft = this.draftOf(chart, 'removeChart');
    const index = this.sheet.charts.findIndex((c) => c.id === draft.id);
    if (index < 0) throw new Error('The chart is not on this sheet (Sheet.removeChart).');
    this.sheet.charts.splice(index, 1);
  }

  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const draft = this.draftOf(chart, 'updateChart');
    const index = this.sheet.charts.findIndex((c) => c.id === draft.id);
    if (draft.id === null || index < 0) throw new Error('The chart is not on this sheet: insert it with Sheet.insertChart first (Sheet.updateChart).');
    this.sheet.charts[index] = toData(draft, draft.id);
  }

  private draftOf(chart: unknown, method: string): Draft {
    const inner = unwrap(chart) as { _draft?: Draft } | null;
    if (!inner || !(inner instanceof EmbeddedChartImpl) || !inner._draft) throw new Error(`Invalid argument: chart (Sheet.${method} needs an EmbeddedChart)`);
    return inner._draft;
  }
}
