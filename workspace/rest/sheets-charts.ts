// Embedded charts through the Sheets v4 API: addChart, updateChartSpec and deleteEmbeddedObject requests, and the EmbeddedChart resources spreadsheets.get returns, over the same SheetModel.charts SpreadsheetApp's charts use.
//
// Shapes follow the reference (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request
// #AddChartRequest, #UpdateChartSpecRequest, #DeleteEmbeddedObjectRequest; …/spreadsheets/charts for
// EmbeddedChart, ChartSpec, BasicChartSpec, PieChartSpec, EmbeddedObjectPosition, OverlayPosition).
// The model holds what SpreadsheetApp's EmbeddedChartBuilder holds: a type, the data ranges on the
// chart's own sheet, an anchor cell with offsets, and options (title, isStacked). A field of the
// reference the model cannot hold is refused as not implemented, never dropped.
//
// Google documents these rules and not their messages, so the wording after "Invalid requests[i].kind: "
// is ours: addChart "The chartId field is optional … It is an error to specify the ID of an embedded
// object that already exists"; deleteEmbeddedObject and updateChartSpec of an unknown ID fail (worded
// as Google's "No grid with id: …" is).
import { newChartId } from '../charts';
import type { Bounds, ChartData, SheetModel, SpreadsheetModel } from '../spreadsheet-model';
import { badRequest, notImplemented } from './http';
import { enumValue, gridRange, gridRangeOf, int32, list, message, sheetOf, text } from './sheets-cells';

/** BasicChartSpec.chartType values SpreadsheetApp's types share one-to-one. */
const BASIC_TYPES = ['BAR', 'LINE', 'AREA', 'COLUMN', 'SCATTER', 'COMBO', 'STEPPED_AREA'] as const;

const CHART_SPEC_FIELDS = ['title', 'altText', 'titleTextFormat', 'titleTextPosition', 'subtitle', 'subtitleTextFormat', 'subtitleTextPosition',
  'fontName', 'maximized', 'backgroundColor', 'backgroundColorStyle', 'dataSourceChartProperties', 'filterSpecs', 'sortSpecs',
  'hiddenDimensionStrategy', 'basicChart', 'pieChart', 'bubbleChart', 'candlestickChart', 'orgChart', 'histogramChart', 'waterfallChart',
  'treemapChart', 'scorecardChart'];
const BASIC_FIELDS = ['chartType', 'legendPosition', 'axis', 'domains', 'series', 'headerCount', 'threeDimensional', 'interpolateNulls',
  'stackedType', 'lineSmoothing', 'compareMode', 'totalDataLabel'];
const PIE_FIELDS = ['legendPosition', 'domain', 'series', 'threeDimensional', 'pieHole'];
const CHART_DATA_FIELDS = ['groupRule', 'aggregateType', 'sourceRange', 'columnReference'];
const DOMAIN_FIELDS = ['domain', 'reversed'];
const SERIES_FIELDS = ['series', 'targetAxis', 'type', 'lineStyle', 'dataLabel', 'smoothingWindow', 'pointStyle', 'styleOverrides', 'color', 'colorStyle'];
const POSITION_FIELDS = ['sheetId', 'overlayPosition', 'newSheet'];
const OVERLAY_FIELDS = ['anchorCell', 'offsetXPixels', 'offsetYPixels', 'widthPixels', 'heightPixels'];

/** A message whose real fields are `fields`, of which the model holds `held`: any other real field is named as unmodelled. */
function held(value: unknown, where: string, fields: readonly string[], heldFields: readonly string[]): Record<string, unknown> {
  const body = message(value, where, fields);
  for (const key of Object.keys(body)) if (!heldFields.includes(key) && body[key] !== undefined) throw notImplemented(`${where}.${key}`);
  return body;
}

/** One ChartData's single source range, as a block of the chart's sheet. */
function sourceBlock(ss: SpreadsheetModel, sheet: SheetModel, value: unknown, where: string, problem: string): Bounds {
  const data = held(value, where, CHART_DATA_FIELDS, ['sourceRange']);
  const sources = list(message(data.sourceRange, `${where}.sourceRange`, ['sources']).sources, `${where}.sourceRange.sources`);
  if (sources.length !== 1) throw notImplemented(`${where}.sourceRange with ${sources.length} sources (the local Workspace holds one range per series)`);
  const target = gridRange(ss, sources[0], `${where}.sourceRange.sources[0]`, problem);
  if (target.sheet !== sheet) throw notImplemented(`${where}: chart data on another sheet than the chart`);
  return { row: target.row, column: target.column, numRows: target.numRows, numColumns: target.numColumns };
}

/**
 * Domain and series as one data range, which is how the model (and SpreadsheetApp's addRange)
 * holds a chart: the domain column with the series columns right after it, over the same rows.
 */
function joined(domain: Bounds, series: Bounds[], where: string): Bounds {
  const all = [domain, ...series];
  all.forEach((b, i) => {
    if (b.numColumns !== 1 || b.row !== domain.row || b.numRows !== domain.numRows || b.column !== domain.column + i) {
      throw notImplemented(`${where}: a domain and series that are not adjacent single columns over the same rows`);
    }
  });
  return { ...domain, numColumns: all.length };
}

interface SpecParts { type: string; range: Bounds; options: Record<string, unknown> }

function readSpec(ss: SpreadsheetModel, sheet: SheetModel, value: unknown, where: string, problem: string): SpecParts {
  if (value === undefined || value === null) throw badRequest(`${problem}The chart must have a spec.`);
  const spec = held(value, where, CHART_SPEC_FIELDS, ['title', 'basicChart', 'pieChart']);
  const options: Record<string, unknown> = {};
  if (spec.title !== undefined) options.title = text(spec.title, `${where}.title`);
  if ((spec.basicChart === undefined) === (spec.pieChart === undefined)) {
    throw spec.basicChart === undefined ? notImplemented(`${where} without basicChart or pieChart`) : badRequest(`${problem}Only one kind of chart may be set.`);
  }
  if (spec.pieChart !== undefined) {
    const pie = held(spec.pieChart, `${where}.pieChart`, PIE_FIELDS, ['domain', 'series']);
    const range = joined(sourceBlock(ss, sheet, pie.domain, `${where}.pieChart.domain`, problem), [sourceBlock(ss, sheet, pie.series, `${where}.pieChart.series`, problem)], `${where}.pieChart`);
    return { type: 'PIE', range, options };
  }
  const at = `${where}.basicChart`;
  const basic = held(spec.basicChart, at, BASIC_FIELDS, ['chartType', 'domains', 'series', 'headerCount', 'stackedType']);
  const type = enumValue(basic.chartType, `${at}.chartType`, BASIC_TYPES);
  const domains = list(basic.domains, `${at}.domains`);
  if (domains.length !== 1) throw notImplemented(`${at}.domains with ${domains.length} domains (the local Workspace holds one)`);
  const domain = sourceBlock(ss, sheet, held(domains[0], `${at}.domains[0]`, DOMAIN_FIELDS, ['domain']).domain, `${at}.domains[0].domain`, problem);
  const series = list(basic.series, `${at}.series`).map((s, i) => sourceBlock(ss, sheet, held(s, `${at}.series[${i}]`, SERIES_FIELDS, ['series']).series, `${at}.series[${i}].series`, problem));
  if (!series.length) throw badRequest(`${problem}A chart needs at least one series.`);
  // The model, like SpreadsheetApp's builder, takes the data range's first row as its header.
  if (basic.headerCount !== undefined && int32(basic.headerCount, `${at}.headerCount`) !== 1) throw notImplemented(`${at}.headerCount other than 1`);
  const stacked = basic.stackedType === undefined ? 'NOT_STACKED' : enumValue(basic.stackedType, `${at}.stackedType`, ['NOT_STACKED', 'STACKED', 'PERCENT_STACKED'] as const);
  if (stacked === 'PERCENT_STACKED') throw notImplemented(`${at}.stackedType PERCENT_STACKED`);
  options.isStacked = stacked === 'STACKED';
  options.useFirstColumnAsDomain = true;
  return { type, range: joined(domain, series, at), options };
}

/** EmbeddedObjectPosition: the model places charts over a grid (overlayPosition) only. */
function readPosition(ss: SpreadsheetModel, value: unknown, where: string, problem: string): { sheet: SheetModel; position: ChartData['position'] } {
  const position = held(value, where, POSITION_FIELDS, ['overlayPosition']);
  if (position.overlayPosition === undefined) throw notImplemented(`${where} without overlayPosition`);
  const overlay = held(position.overlayPosition, `${where}.overlayPosition`, OVERLAY_FIELDS, ['anchorCell', 'offsetXPixels', 'offsetYPixels']);
  const anchor = message(overlay.anchorCell, `${where}.overlayPosition.anchorCell`, ['sheetId', 'rowIndex', 'columnIndex']);
  const sheet = sheetOf(ss, anchor.sheetId, `${where}.overlayPosition.anchorCell`, problem);
  const index = (v: unknown, name: string): number => (v === undefined ? 0 : int32(v, `${where}.overlayPosition.${name}`));
  const row = index(anchor.rowIndex, 'anchorCell.rowIndex');
  const column = index(anchor.columnIndex, 'anchorCell.columnIndex');
  const offsetX = index(overlay.offsetXPixels, 'offsetXPixels');
  const offsetY = index(overlay.offsetYPixels, 'offsetYPixels');
  if (row < 0 || column < 0 || offsetX < 0 || offsetY < 0) throw badRequest(`${problem}The chart's anchor and offsets must not be negative.`);
  return { sheet, position: { row: row + 1, column: column + 1, offsetX, offsetY } };
}

function chartById(ss: SpreadsheetModel, id: number): { sheet: SheetModel; chart: ChartData } | null {
  for (const sheet of ss.sheets) {
    const chart = sheet.charts.find((c) => c.id === id);
    if (chart) return { sheet, chart };
  }
  return null;
}

function chartData(sheetId: number, range: Bounds): Record<string, unknown> {
  return { sourceRange: { sources: [gridRangeOf(sheetId, range)] } };
}

/** A chart of the model as the API's EmbeddedChart. */
export function embeddedChartOf(sheet: SheetModel, chart: ChartData): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  if (chart.options.title !== undefined && chart.options.title !== null) spec.title = String(chart.options.title);
  const [range] = chart.ranges;
  const column = (i: number): Bounds => ({ row: range.row, column: range.column + i, numRows: range.numRows, numColumns: 1 });
  if (chart.type === 'PIE') {
    spec.pieChart = range ? { domain: chartData(sheet.id, column(0)), series: chartData(sheet.id, column(1)) } : {};
  } else if ((BASIC_TYPES as readonly string[]).includes(chart.type)) {
    const basic: Record<string, unknown> = { chartType: chart.type, stackedType: chart.options.isStacked === true ? 'STACKED' : 'NOT_STACKED' };
    if (range) {
      // A chart built in SpreadsheetApp over one range: its first column is the domain, the rest are series, the first row is the header.
      basic.domains = [{ domain: chartData(sheet.id, column(0)) }];
      basic.series = Array.from({ length: range.numColumns - 1 }, (_, i) => ({ series: chartData(sheet.id, column(i + 1)) }));
      basic.headerCount = 1;
    }
    spec.basicChart = basic;
  } else {
    // Other types (a coordinator's own timeline or gauge) hold only what SpreadsheetApp's builder took: their ID, title and
    // place come back; reading their spec beyond the title fails loudly (a field mask reads only what it names).
    Object.defineProperty(spec, 'unmodelledSpec', {
      enumerable: true,
      get: () => { throw notImplemented(`sheets.spreadsheets.get of a ${chart.type} chart's spec`); },
    });
  }
  const { row, column: anchorColumn, offsetX, offsetY } = chart.position;
  const overlay: Record<string, unknown> = { anchorCell: { sheetId: sheet.id, rowIndex: row - 1, columnIndex: anchorColumn - 1 } };
  if (offsetX) overlay.offsetXPixels = offsetX;
  if (offsetY) overlay.offsetYPixels = offsetY;
  return { chartId: chart.id, spec, position: { overlayPosition: overlay } };
}

export const CHART_REQUEST_FIELDS: Record<string, readonly string[]> = {
  addChart: ['chart'],
  updateChartSpec: ['chartId', 'spec'],
  deleteEmbeddedObject: ['objectId'],
};

/** Runs one chart request; its reply as the API gives it (AddChartResponse holds the chart with its ID). */
export function runChartRequest(ss: SpreadsheetModel, kind: string, args: Record<string, unknown>, at: string, problem: string): Record<string, unknown> {
  switch (kind) {
    case 'addChart': {
      const chart = message(args.chart, `${at}.chart`, ['chartId', 'spec', 'position', 'border']);
      if (chart.border !== undefined) throw notImplemented(`${at}.chart.border`);
      let id: number;
      if (chart.chartId === undefined) id = newChartId();
      else {
        id = int32(chart.chartId, `${at}.chart.chartId`);
        if (chartById(ss, id) || ss.sheets.some((s) => s.id === id)) throw badRequest(`${problem}An object with id ${id} already exists.`);
      }
      const { sheet, position } = readPosition(ss, chart.position, `${at}.chart.position`, problem);
      const { type, range, options } = readSpec(ss, sheet, chart.spec, `${at}.chart.spec`, problem);
      const data: ChartData = { id, type, ranges: [range], position, options };
      sheet.charts.push(data);
      return { addChart: { chart: embeddedChartOf(sheet, data) } };
    }
    case 'updateChartSpec': {
      const id = int32(args.chartId, `${at}.chartId`);
      const found = chartById(ss, id);
      if (!found) throw badRequest(`${problem}No chart with id: ${id}`);
      const { type, range, options } = readSpec(ss, found.sheet, args.spec, `${at}.spec`, problem);
      found.chart.type = type;
      found.chart.ranges = [range];
      // The spec replaces the chart's content; its place on the sheet stays.
      found.chart.options = options;
      return {};
    }
    case 'deleteEmbeddedObject': {
      const id = int32(args.objectId, `${at}.objectId`);
      const found = chartById(ss, id);
      if (!found) throw badRequest(`${problem}No object with id: ${id}`);
      found.sheet.charts = found.sheet.charts.filter((c) => c !== found.chart);
      return {};
    }
    default:
      throw notImplemented(at);
  }
}
