// The private workbooks as data: what each holds, whose form lands in it, who besides the coordinators reads it, and where the tracker links it (pure).
import type { SettingKey, TabName } from '../tracker/schema';
import type { Settings } from '../tracker/settings';
import { METADATA_KEYS, PROPERTY_KEYS } from '../core/keys';

/** One private workbook. */
export interface WorkbookSpec {
  name: 'Support requests' | 'Evaluation' | 'Staff records';
  /** The tracker tabs it holds, moved out of the tracker by Set up private workbooks. Another tab for the same readers is one more name here. */
  tabs: readonly TabName[];
  /** The survey whose form sends its answers here, if any. */
  survey?: string;
  /** Other surveys whose answers land in the same tab and so move with it (the implementation survey with the outcome survey). */
  alsoSurveys?: string[];
  /** Who reads it besides the coordinators. */
  readers: (settings: Settings) => string[];
  /** The Settings row naming those readers (none: coordinators only). */
  readersSetting?: SettingKey;
  linkSetting: SettingKey;
  metadataKey: string;
  /** Document properties of the tracker that intake needs in the workbook (the RESP- numbering). */
  carried: string[];
  /**
   * Its tabs leave the tracker altogether (the emptied tab is removed), and what reads the tracker
   * (documents, Check data, the Dashboard, the digest) reads them in this workbook, by the link.
   */
  readThrough?: true;
}

export const PRIVATE_WORKBOOKS: readonly WorkbookSpec[] = [
  {
    name: 'Support requests', tabs: ['Support Requests'], survey: 'support-request', readers: (s) => s.supportTeamEmails,
    readersSetting: 'Support team emails', linkSetting: 'Support requests workbook', metadataKey: METADATA_KEYS.supportWorkbook, carried: [],
  },
  {
    name: 'Evaluation', tabs: ['Survey Responses'], survey: 'rose-evaluation', alsoSurveys: ['rose-process'], readers: (s) => s.evaluatorEmails,
    readersSetting: 'Evaluator emails', linkSetting: 'Evaluation workbook', metadataKey: METADATA_KEYS.evaluationWorkbook, carried: [PROPERTY_KEYS.surveyHighestId],
  },
  {
    name: 'Staff records', tabs: ['Staff pay and contacts', 'Payments'], readers: () => [],
    linkSetting: 'Staff records workbook', metadataKey: METADATA_KEYS.staffRecordsWorkbook, carried: [], readThrough: true,
  },
];

/** Tabs that, once moved, are read in their workbook: tab → the metadata key of the tracker's link and the workbook's name. */
export const READ_THROUGH_TABS: ReadonlyMap<string, { metadataKey: string; workbook: WorkbookSpec['name'] }> = new Map(
  PRIVATE_WORKBOOKS.filter((w) => w.readThrough).flatMap((w) => w.tabs.map((tab) => [tab, { metadataKey: w.metadataKey, workbook: w.name }] as const)),
);
