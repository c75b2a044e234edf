// Who sees what, as data: the reads each role has once Set up private workbooks ran. test/e2e/private-workbooks.test.ts proves it on the built add-on, test/readme.test.ts checks that the README's two tables say the same.

/** What one person can open or find, file by file (the raw responses tabs are each form's own tab). */
export interface Access {
  tracker: boolean;
  /** Whether any cell of the tracker shows a person's email, phone or wage (never, once the workbooks are set up). */
  payInTracker: boolean;
  /** The training form's raw responses tab, which stays in the tracker. */
  rawTraining: boolean;
  support: boolean;
  rawSupport: boolean;
  evaluation: boolean;
  rawEvaluation: boolean;
  /** The implementation survey's raw responses tab, beside the evaluation form's in the Evaluation workbook. */
  rawProcess: boolean;
  /** The Staff records workbook, and a person's contacts and pay in it. */
  staffRecords: boolean;
  documents: boolean;
}

export interface Role {
  /** How the README names the role: a README row is about every role whose name it contains. */
  name: string;
  email: string;
  access: Access;
}

const NONE: Access = {
  tracker: false, payInTracker: false, rawTraining: false, support: false, rawSupport: false,
  evaluation: false, rawEvaluation: false, rawProcess: false, staffRecords: false, documents: false,
};
const COORDINATOR: Access = {
  tracker: true, payInTracker: false, rawTraining: true, support: true, rawSupport: true,
  evaluation: true, rawEvaluation: true, rawProcess: true, staffRecords: true, documents: true,
};
const SUPPORT_TEAM: Access = { ...NONE, support: true, rawSupport: true };

/** Every role of the README's table, with the fictional person the test reads as. */
export const ROLES: readonly Role[] = [
  { name: 'Coordinator', email: 'ada.coordinator@example.org', access: COORDINATOR },
  { name: 'Coordinator', email: 'bo.coordinator@example.org', access: COORDINATOR },
  { name: 'Site lead', email: 'cy.sitelead@example.org', access: { ...NONE, tracker: true, rawTraining: true } },
  { name: 'Systems Navigator', email: 'dee.navigator@example.org', access: SUPPORT_TEAM },
  { name: 'Peer Supporter', email: 'eli.peersupport@example.org', access: SUPPORT_TEAM },
  { name: 'Evaluator', email: 'fay.evaluator@example.org', access: { ...NONE, evaluation: true, rawEvaluation: true, rawProcess: true } },
  { name: 'Peer staff', email: 'gus.peerworker@example.org', access: NONE },
  { name: 'Board or funder', email: 'hal.board@example.org', access: NONE },
];

export function role(email: string): Role {
  const found = ROLES.find((r) => r.email === email);
  if (!found) throw new Error(`No role for ${email} in the access matrix.`);
  return found;
}

/** The README's "Files each role can open" table as the matrix says it: column → whether the cell says yes. */
export function filesRow(access: Access): Record<string, boolean> {
  return {
    Tracker: access.tracker,
    'Support requests workbook, its raw responses tab': access.support && access.rawSupport,
    'Evaluation workbook, its raw responses tab': access.evaluation && access.rawEvaluation,
    'Staff records workbook': access.staffRecords,
    'Documents folder': access.documents,
  };
}

/** The forms whose raw responses a role reads, in the words of the README's "Raw form responses" column. */
export function rawForms(access: Access): string[] {
  const forms: string[] = [];
  if (access.rawTraining) forms.push('training');
  if (access.rawSupport) forms.push('support');
  if (access.rawEvaluation) forms.push('evaluation');
  if (access.rawProcess) forms.push('implementation');
  return forms;
}

/**
 * The README's "What that lets each role read" table as the matrix says it, for the columns file
 * access decides (Aggregates is about reports a coordinator shares, not about which file opens).
 */
export function readsRow(access: Access): Record<string, boolean | string[]> {
  return {
    'Roster contact and pay': access.staffRecords,
    'Support requests': access.support,
    'Survey rows': access.evaluation,
    'Raw form responses': rawForms(access),
    'Generated documents': access.documents,
  };
}
