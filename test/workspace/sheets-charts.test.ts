// Charts through the Sheets advanced service: addChart, updateChartSpec and deleteEmbeddedObject as the reference shapes them, seen by SpreadsheetApp, returned by spreadsheets.get, refused loudly where the model holds less.
import { createWorkspace, type Workspace } from '../../workspace';
import { failure, sheetsBatch } from '../support/sheets';

type Request = GoogleAppsScript.Sheets.Schema.Request;

interface Services {
  Sheets: GoogleAppsScript.Sheets;
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  Charts: typeof Charts;
}

let ws: Workspace;
let id: string;

function services(): Services {
  return ws.globals() as unknown as Services;
}

const batch = (requests: Request[]) => sheetsBatch(ws, id, requests);

const column = (c: number) => ({ sourceRange: { sources: [{ sheetId: 0, startRowIndex: 0, endRowIndex: 4, startColumnIndex: c, endColumnIndex: c + 1 }] } });

function budgetChart(extra: Record<string, unknown> = {}): Request {
  return {
    addChart: {
      chart: {
        spec: {
          title: 'Budget by ROSE component',
          basicChart: { chartType: 'COLUMN', headerCount: 1, domains: [{ domain: column(0) }], series: [{ series: column(1) }, { series: column(2) }], ...extra },
        },
        position: { overlayPosition: { anchorCell: { sheetId: 0, rowIndex: 0, columnIndex: 5 } } },
      },
    },
  } as Request;
}

beforeEach(() => {
  ws = createWorkspace({ user: 'coordinator@example.org', now: '2026-03-16T17:00:00Z' });
  id = ws.createSpreadsheet('Harbour Lights tracker');
  ws.execute(() => {
    services().SpreadsheetApp.openById(id).getSheets()[0].getRange('A1:C4')
      .setValues([['ROSE component', 'Allocated', 'Spent'], ['Recognition', 1000, 400], ['Skill Development', 800, 900], ['Organizational Support', 500, 0]]);
  });
});

describe('charts through the Sheets API', () => {
  it('addChart puts a chart SpreadsheetApp sees, with its anchor, type, title and one data range, and replies with its ID', () => {
    const { replies } = batch([budgetChart()]);
    const chart = replies![0].addChart!.chart!;
    expect(chart.chartId).toEqual(expect.any(Number));
    expect(chart.spec!.basicChart).toMatchObject({ chartType: 'COLUMN', stackedType: 'NOT_STACKED', headerCount: 1 });
    const seen = ws.execute(() => services().SpreadsheetApp.openById(id).getSheets()[0].getCharts());
    expect(seen).toHaveLength(1);
    ws.execute(() => {
      expect(seen[0].getChartId()).toBe(chart.chartId);
      expect(seen[0].getOptions().get('title')).toBe('Budget by ROSE component');
      expect(seen[0].getContainerInfo().getAnchorColumn()).toBe(6);
      expect(seen[0].getRanges()[0].getA1Notation()).toBe('A1:C4');
    });
  });

  it('spreadsheets.get returns charts made by either door as EmbeddedChart resources', () => {
    batch([budgetChart({ stackedType: 'STACKED' })]);
    ws.execute(() => {
      const sheet = services().SpreadsheetApp.openById(id).getSheets()[0];
      sheet.insertChart(sheet.newChart().setChartType(services().Charts.ChartType.PIE).addRange(sheet.getRange('A1:B4')).setOption('title', 'Mine').build());
    });
    const got = ws.execute(() => services().Sheets.Spreadsheets!.get(id, { fields: 'sheets(charts(chartId,spec(title,basicChart(chartType,stackedType),pieChart)))' }));
    const charts = got.sheets![0].charts!;
    expect(charts.map((c) => c.spec!.title)).toEqual(['Budget by ROSE component', 'Mine']);
    expect(charts[0].spec!.basicChart).toEqual({ chartType: 'COLUMN', stackedType: 'STACKED' });
    expect(charts[1].spec!.pieChart!.domain!.sourceRange!.sources![0]).toEqual({ sheetId: 0, startRowIndex: 0, endRowIndex: 4, startColumnIndex: 0, endColumnIndex: 1 });
  });

  it('updateChartSpec replaces what the chart shows and keeps where it sits; deleteEmbeddedObject removes it', () => {
    const chartId = batch([budgetChart()]).replies![0].addChart!.chart!.chartId!;
    batch([{ updateChartSpec: { chartId, spec: { title: 'Allocated only', basicChart: { chartType: 'BAR', domains: [{ domain: column(0) }], series: [{ series: column(1) }] } } } } as Request]);
    const sheet = ws.spreadsheet(id).sheets[0];
    expect(sheet.charts[0]).toMatchObject({ id: chartId, type: 'BAR', options: { title: 'Allocated only' }, ranges: [{ row: 1, column: 1, numRows: 4, numColumns: 2 }], position: { row: 1, column: 6 } });
    batch([{ deleteEmbeddedObject: { objectId: chartId } }]);
    expect(sheet.charts).toHaveLength(0);
  });

  it('refuses an ID already taken, an unknown object, a missing spec, and names what the model does not hold', () => {
    const chartId = batch([budgetChart()]).replies![0].addChart!.chart!.chartId!;
    const taken = budgetChart();
    (taken.addChart!.chart as Record<string, unknown>).chartId = chartId;
    expect(failure(() => batch([taken]))).toBe(`API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].addChart: An object with id ${chartId} already exists.`);
    expect(failure(() => batch([{ deleteEmbeddedObject: { objectId: 99999 } }]))).toContain('Invalid requests[0].deleteEmbeddedObject: No object with id: 99999');
    expect(failure(() => batch([{ addChart: { chart: { position: { overlayPosition: { anchorCell: { sheetId: 0 } } } } } } as Request]))).toContain('Invalid requests[0].addChart: The chart must have a spec.');
    expect(failure(() => batch([budgetChart({ legendPosition: 'BOTTOM_LEGEND' })]))).toContain('requests[0].addChart.chart.spec.basicChart.legendPosition is not implemented by the local Workspace');
    expect(failure(() => batch([{ addChart: { chart: { spec: { title: 'x', basicChart: { chartType: 'COLUMN', domains: [{ domain: column(0) }], series: [{ series: column(1) }] } }, position: { newSheet: true } } } } as Request])))
      .toContain('position.newSheet is not implemented');
    // A failed batch applies nothing: the first chart is still the only one.
    expect(failure(() => batch([{ deleteEmbeddedObject: { objectId: chartId } }, { deleteEmbeddedObject: { objectId: chartId } }]))).toContain('No object with id');
    expect(ws.spreadsheet(id).sheets[0].charts).toHaveLength(1);
  });

  it('returns the ID and title of a chart type it does not model, and refuses to make up the rest of its spec', () => {
    ws.execute(() => {
      const sheet = services().SpreadsheetApp.openById(id).getSheets()[0];
      sheet.insertChart(sheet.newChart().setChartType(services().Charts.ChartType.GAUGE).addRange(sheet.getRange('A1:B4')).setOption('title', 'Gauge').build());
    });
    const titles = ws.execute(() => services().Sheets.Spreadsheets!.get(id, { fields: 'sheets(charts(chartId,spec.title))' }));
    expect(titles.sheets![0].charts![0].spec).toEqual({ title: 'Gauge' });
    expect(failure(() => ws.execute(() => services().Sheets.Spreadsheets!.get(id)))).toContain("GAUGE chart's spec is not implemented by the local Workspace");
  });

  it('returns the spreadsheet\'s developer metadata, which a time-driven run can read where it has no document properties', () => {
    ws.execute(() => services().SpreadsheetApp.openById(id).addDeveloperMetadata('rose.reminders.schedule', '{"frequency":"daily"}', services().SpreadsheetApp.DeveloperMetadataVisibility.PROJECT));
    const got = ws.execute(() => services().Sheets.Spreadsheets!.get(id, { fields: 'developerMetadata(metadataKey,metadataValue,visibility)' }));
    expect(got.developerMetadata).toEqual([{ metadataKey: 'rose.reminders.schedule', metadataValue: '{"frequency":"daily"}', visibility: 'PROJECT' }]);
  });
});
