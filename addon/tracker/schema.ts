// The one declaration of the tracker: tabs, columns, types, dropdowns, formats, computed columns and references.
// Setup, migration, Check data, record reading, document fields, forms and the dashboard all read it.

export type ColumnType =
  | 'id' | 'text' | 'longText' | 'email' | 'phone' | 'url' | 'date' | 'datetime'
  | 'number' | 'integer' | 'money' | 'percent' | 'boolean' | 'choice' | 'ref';

export type TabName =
  | 'Settings' | 'Sites' | 'Action Plan' | 'Milestones' | 'Budget' | 'Expenses' | 'Staff' | 'Training Topics'
  | 'Training Log' | 'Events' | 'Support Requests' | 'Survey Responses' | 'Documents'
  | 'Interview Log' | 'Implementation Targets' | 'Payments';

export interface ColumnSpec<K extends string = string> {
  /** What code calls the column: `record.values.fullName`. Only this module spells headers. */
  key: K;
  /** What coordinators see in row 1; code finds the column by this header, never by position. */
  header: string;
  type: ColumnType;
  required?: boolean;
  /** Dropdown values (choice columns). */
  choices?: readonly string[];
  /** The dropdown suggests but free text is allowed (a warning, not a rejection). */
  allowOther?: boolean;
  /** For ref columns: the tab whose IDs this column holds (shown as "ID · name"). */
  ref?: TabName;
  /** Filled by the add-on; protected with a warning so people know not to type there. */
  computed?: boolean;
  min?: number;
  max?: number;
  /** Shown as a note on the header cell. */
  help?: string;
  /** Older headers this column had (migration renames them in place). */
  formerly?: readonly string[];
  /** Column width in pixels when the type's default (TYPE_WIDTHS) does not suit; set when setup creates the column (a width a person chose later stays). */
  width?: number;
}

/**
 * Each column type's width in pixels, wide enough for what the type holds as formatted
 * (yyyy-mm-dd hh:mm, $10,200.00, "SITE-0001 · name"); a header longer than that widens its column.
 * Long text wraps at its width instead of running over the next cells.
 */
export const TYPE_WIDTHS: Readonly<Record<ColumnType, number>> = {
  id: 110, text: 160, longText: 320, email: 210, phone: 120, url: 220, date: 100, datetime: 140,
  number: 90, integer: 90, money: 110, percent: 80, boolean: 80, choice: 160, ref: 250,
};

export interface TabSpec<N extends TabName = TabName> {
  name: N;
  /** ID prefix for rows of this tab (SITE-0001). Absent for Settings and Training Topics. */
  idPrefix?: string;
  /** Key of the column whose text names a row in references and dropdowns ("ID · name"). */
  labelColumn?: string;
  /** Present on tabs whose computed columns ROSE Tracker recomputes: the other tabs they read. The refresh after an edit is derived from these. */
  computedFrom?: readonly TabName[];
  columns: readonly ColumnSpec[];
  /** Holds information about people; protected to the coordinators named in Settings. */
  confidential?: boolean;
  /** Older tab names (migration renames the tab). */
  formerly?: readonly string[];
  tabColor: string;
  description: string;
}

export const ROSE_COMPONENTS = ['Recognition', 'Organizational Support', 'Skill Development'] as const;

/** ROSE strategies (see the ROSE model): seeded into the Action Plan dropdown; free text is also allowed. */
export const ROSE_STRATEGIES = [
  'Photo ID cards', 'Business cards', 'Meet-and-greet with police and paramedics', 'Awareness screening',
  'Job descriptions', 'Employment contracts', 'Living wage', 'Peer Supporter (debriefing)', 'Systems Navigator',
  'Teambuilding days', 'Equipment (e.g. pulse oximeters)',
  'First aid / CPR training', 'Naloxone training', 'Pulse oximeter training', 'Mental-health crisis training',
  'Conflict resolution and de-escalation', 'Communication skills', 'Peer debriefing training', 'Cultural safety',
  'Mindfulness and self-care', 'Self-defence', 'Overdose response during COVID-19',
] as const;

export const SOCIO_ECOLOGICAL_LEVELS = ['Individual', 'Inter-personal', 'Organizational', 'Community', 'Policy'] as const;
export const ACTIVITY_STATUSES = ['Not started', 'In progress', 'Done', 'Blocked', 'Cancelled'] as const;
export const MILESTONE_STATUSES = ['Done', 'Overdue', 'Due soon', 'Upcoming', 'No due date'] as const;
export const SITE_TYPES = ['Peer-led organization', 'Housing provider', 'Shelter with overdose prevention site', 'Other'] as const;
export const BUDGET_CATEGORIES = ['Staffing', 'Training', 'Equipment', 'Events', 'Materials', 'Honoraria', 'Other'] as const;
export const ROLES = ['Peer Worker', 'Peer Supporter', 'Systems Navigator', 'Peer Research Assistant', 'Coordinator', 'Other'] as const;
export const EMPLOYMENT_TYPES = ['Permanent part-time', 'Permanent full-time', 'Casual', 'Fixed term', 'Short-term engagement (honorarium)'] as const;
export const CONTRACT_STATUSES = ['None', 'Drafted', 'Signed', 'Ended', 'Acknowledged'] as const;
export const EVENT_TYPES = ['Meet-and-greet', 'Teambuilding day', 'Training session', 'Awareness screening', 'Other'] as const;
export const SUPPORT_TYPES = [
  'Government ID', 'Housing application', 'Income assistance form', 'Reference letter', 'Healthcare accompaniment',
  'Legal support', 'Detox or treatment referral', 'Debriefing', 'Other',
] as const;
export const SUPPORT_STATUSES = ['New', 'In progress', 'Waiting on others', 'Resolved', 'Closed without action'] as const;
export const CERTIFICATION_STATUSES = ['Valid', 'Expiring soon', 'Expired', 'No expiry', 'Not certified'] as const;
export const YES_NO = ['Yes', 'No'] as const;
/** How a payment was made. BCCDC's Peer Payment Standards (2018): pay in cash unless the person asks otherwise, so a blank Method reads as Cash. */
export const PAYMENT_METHODS = ['Cash', 'E-transfer', 'Cheque', 'Gift card', 'Other'] as const;
/** Whose payments are counted against their income or disability assistance earnings exemption: only with the person's explicit consent. */
export const EXEMPTION_TRACKING = ['Income assistance', 'Disability assistance', 'No'] as const;
/** What the running total against a person's earnings exemption says (addon/payments/rules.ts). */
export const EXEMPTION_WARNINGS = ['Near the limit', 'Over the limit'] as const;
/** Who a process-evaluation interview was with: those who put ROSE in place, or the peer staff it is for. */
export const INTERVIEW_ROLES = ['Implementer (manager or coordinator)', 'Recipient (peer staff)'] as const;
/** Normalization Process Theory's four constructs (May and Finch 2009), the codes of the interview log. */
export const NPT_CONSTRUCTS = ['Coherence', 'Cognitive participation', 'Collective action', 'Reflexive monitoring'] as const;
/** What an interview passage says about a strategy: the per-strategy summary counts these. */
export const INTERVIEW_VIEWS = ['Works', 'Does not work', 'Mixed', 'Not said'] as const;
/** The ROSE implementation index's indicators (addon/evaluation/implementation.ts computes each from the tracker's tabs). */
export const IMPLEMENTATION_INDICATORS = [
  'Photo ID issued', 'Business cards issued', 'Contract signed', 'Job description in place', 'Paid at or above the living wage',
  'Peer Supporter role filled', 'Systems Navigator role filled', 'Teambuilding days a year', 'Meet-and-greets held', 'Required training covered',
] as const;

const id = { key: 'id', header: 'ID', type: 'id', computed: true, help: 'Given by ROSE Tracker. Links rows between tabs; do not change it.' } as const satisfies ColumnSpec;
const notes = { key: 'notes', header: 'Notes', type: 'longText' } as const satisfies ColumnSpec;

/** Keeps every literal of the declaration (tab names, column keys) so records are typed by it. */
function declareTabs<const T extends readonly TabSpec[]>(tabs: T): T {
  return tabs;
}

const DECLARED = declareTabs([
  {
    name: 'Settings', tabColor: '#5f6368',
    description: 'Organization details and the figures the tracker uses (living wage, reminder lead days, report group size).',
    columns: [
      { key: 'setting', header: 'Setting', type: 'text', required: true },
      { key: 'value', header: 'Value', type: 'text', width: 280 },
      { key: 'aboutThisSetting', header: 'About this setting', type: 'longText', width: 420 },
    ],
  },
  {
    name: 'Sites', idPrefix: 'SITE', labelColumn: 'name', tabColor: '#1a73e8',
    description: 'The places where peer workers work.',
    columns: [
      id,
      { key: 'name', header: 'Name', type: 'text', required: true },
      { key: 'regionCity', header: 'Region / city', type: 'text' },
      { key: 'type', header: 'Type', type: 'choice', choices: SITE_TYPES, allowOther: true },
      { key: 'lead', header: 'Lead', type: 'text' },
      { key: 'email', header: 'Email', type: 'email' },
      { key: 'address', header: 'Address', type: 'text' },
      { key: 'livingWagePerHour', header: 'Living wage per hour', type: 'money', min: 0, help: 'Blank = the living wage in Settings. Living wages differ by region (e.g. 2025: Metro Vancouver 27.85, Greater Victoria 27.40; Living Wage for Families BC).' },
      { key: 'active', header: 'Active', type: 'choice', choices: YES_NO },
      notes,
    ],
  },
  {
    name: 'Action Plan', idPrefix: 'ACT', labelColumn: 'strategy', tabColor: '#188038',
    computedFrom: ['Budget', 'Expenses', 'Training Log'],
    description: 'Each site\'s ROSE activities: who, when, how easy, how much impact, and the budget set aside.',
    columns: [
      id,
      { key: 'site', header: 'Site', type: 'ref', ref: 'Sites', required: true },
      { key: 'roseComponent', header: 'ROSE component', type: 'choice', choices: ROSE_COMPONENTS, required: true },
      { key: 'strategy', header: 'Strategy', type: 'choice', choices: ROSE_STRATEGIES, allowOther: true, required: true },
      { key: 'description', header: 'Description', type: 'longText' },
      { key: 'socioEcologicalLevel', header: 'Socio-ecological level', type: 'choice', choices: SOCIO_ECOLOGICAL_LEVELS },
      { key: 'owner', header: 'Owner', type: 'text' },
      { key: 'start', header: 'Start', type: 'date' },
      { key: 'end', header: 'End', type: 'date' },
      { key: 'status', header: 'Status', type: 'choice', choices: ACTIVITY_STATUSES, required: true },
      { key: 'ease', header: 'Ease (1-5)', type: 'integer', min: 1, max: 5, help: '5 = very easy to do with what we have.' },
      { key: 'impact', header: 'Impact (1-5)', type: 'integer', min: 1, max: 5, help: '5 = makes a big difference for peer workers.' },
      { key: 'priorityScore', header: 'Priority score', type: 'integer', computed: true, help: 'Ease × impact (1-25). Higher first.' },
      { key: 'priorityRank', header: 'Priority rank', type: 'integer', computed: true, help: '1 = do first: easy, high-impact work ranks highest.' },
      { key: 'allocatedBudget', header: 'Allocated budget', type: 'money', min: 0 },
      { key: 'spent', header: 'Spent', type: 'money', computed: true, help: 'Expenses and training costs on budget lines of this activity.' },
      notes,
    ],
  },
  {
    name: 'Milestones', idPrefix: 'MS', labelColumn: 'milestone', tabColor: '#188038',
    computedFrom: ['Settings'],
    description: 'Checkpoints of each activity, with due dates.',
    columns: [
      id,
      { key: 'activity', header: 'Activity', type: 'ref', ref: 'Action Plan', required: true },
      { key: 'site', header: 'Site', type: 'ref', ref: 'Sites' },
      { key: 'milestone', header: 'Milestone', type: 'text', required: true },
      { key: 'due', header: 'Due', type: 'date' },
      { key: 'completed', header: 'Completed', type: 'date' },
      { key: 'owner', header: 'Owner', type: 'text' },
      { key: 'status', header: 'Status', type: 'choice', choices: MILESTONE_STATUSES, computed: true, help: 'Done, Overdue, Due soon (within the reminder lead days) or Upcoming.' },
      notes,
    ],
  },
  {
    name: 'Budget', idPrefix: 'BUD', labelColumn: 'description', tabColor: '#e37400',
    computedFrom: ['Expenses', 'Training Log'],
    description: 'Budget lines and how much of each is used.',
    columns: [
      id,
      { key: 'site', header: 'Site', type: 'ref', ref: 'Sites' },
      { key: 'activity', header: 'Activity', type: 'ref', ref: 'Action Plan' },
      { key: 'roseComponent', header: 'ROSE component', type: 'choice', choices: ROSE_COMPONENTS },
      { key: 'category', header: 'Category', type: 'choice', choices: BUDGET_CATEGORIES, required: true },
      { key: 'description', header: 'Description', type: 'text', required: true },
      { key: 'allocated', header: 'Allocated', type: 'money', min: 0, required: true },
      { key: 'spent', header: 'Spent', type: 'money', computed: true },
      { key: 'remaining', header: 'Remaining', type: 'money', computed: true },
      { key: 'percentUsed', header: '% used', type: 'percent', computed: true },
      notes,
    ],
  },
  {
    name: 'Expenses', idPrefix: 'EXP', labelColumn: 'description', tabColor: '#e37400',
    description: 'Money spent, each against a budget line.',
    columns: [
      id,
      { key: 'date', header: 'Date', type: 'date', required: true },
      { key: 'budgetLine', header: 'Budget line', type: 'ref', ref: 'Budget', required: true },
      { key: 'amount', header: 'Amount', type: 'money', min: 0, required: true },
      { key: 'payee', header: 'Payee', type: 'text' },
      { key: 'description', header: 'Description', type: 'text' },
      { key: 'receiptLink', header: 'Receipt link', type: 'url' },
    ],
  },
  {
    name: 'Staff', idPrefix: 'STAFF', labelColumn: 'fullName', confidential: true, tabColor: '#a142f4',
    computedFrom: ['Sites', 'Settings'],
    description: 'Everyone on the roster. Confidential: only the coordinators named in Settings can edit it.',
    columns: [
      id,
      { key: 'fullName', header: 'Full name', type: 'text', required: true, formerly: ['Name'] },
      { key: 'preferredName', header: 'Preferred name', type: 'text' },
      { key: 'pronouns', header: 'Pronouns', type: 'text' },
      { key: 'role', header: 'Role', type: 'choice', choices: ROLES, allowOther: true, required: true },
      { key: 'site', header: 'Site', type: 'ref', ref: 'Sites' },
      { key: 'email', header: 'Email', type: 'email' },
      { key: 'phone', header: 'Phone', type: 'phone' },
      { key: 'start', header: 'Start', type: 'date' },
      { key: 'end', header: 'End', type: 'date' },
      { key: 'employmentType', header: 'Employment type', type: 'choice', choices: EMPLOYMENT_TYPES, allowOther: true },
      { key: 'hourlyWage', header: 'Hourly wage', type: 'money', min: 0, formerly: ['Wage'] },
      { key: 'hoursPerWeek', header: 'Hours per week', type: 'number', min: 0, max: 80 },
      { key: 'contractStatus', header: 'Contract status', type: 'choice', choices: CONTRACT_STATUSES },
      { key: 'contractEnd', header: 'Contract end', type: 'date' },
      { key: 'jobDescriptionLink', header: 'Job description link', type: 'url' },
      { key: 'documentsByEmail', header: 'Documents by email', type: 'choice', choices: YES_NO, help: 'Yes only when the person asked to get their documents (certificates, letters, contract) by email at the address on file. Blank or No: nothing is emailed to them.' },
      { key: 'photoIdIssued', header: 'Photo ID issued', type: 'date' },
      { key: 'businessCardsIssued', header: 'Business cards issued', type: 'date' },
      { key: 'belowLivingWage', header: 'Below living wage', type: 'choice', choices: YES_NO, computed: true, help: 'Yes when the hourly wage is below the living wage in Settings.' },
      notes,
    ],
  },
  {
    name: 'Training Topics', labelColumn: 'topic', tabColor: '#d01884',
    description: 'Training topics, how long a certificate stays valid, and which roles need it.',
    columns: [
      { key: 'topic', header: 'Topic', type: 'text', required: true },
      { key: 'roseComponent', header: 'ROSE component', type: 'choice', choices: ROSE_COMPONENTS },
      { key: 'validityMonths', header: 'Validity (months)', type: 'integer', min: 1, max: 120, help: 'Blank = no expiry. Set by your organization per topic.' },
      { key: 'requiredForRoles', header: 'Required for roles', type: 'text', help: 'Roles separated by commas, e.g. Peer Worker, Peer Supporter. Blank = optional.' },
      { key: 'sourceOfValidity', header: 'Source of validity', type: 'text' },
    ],
  },
  {
    name: 'Training Log', idPrefix: 'TRN', tabColor: '#d01884',
    computedFrom: ['Training Topics', 'Settings'],
    description: 'Who took which training, when, and until when the certificate is valid.',
    formerly: ['Training'],
    columns: [
      id,
      { key: 'staff', header: 'Staff', type: 'ref', ref: 'Staff', required: true },
      { key: 'topic', header: 'Topic', type: 'ref', ref: 'Training Topics', required: true },
      { key: 'date', header: 'Date', type: 'date', required: true },
      { key: 'provider', header: 'Provider', type: 'text' },
      { key: 'certified', header: 'Certified', type: 'choice', choices: YES_NO },
      { key: 'certificateNumber', header: 'Certificate number', type: 'text' },
      { key: 'expiry', header: 'Expiry', type: 'date', help: 'Leave blank to use the topic\'s validity.' },
      { key: 'validUntil', header: 'Valid until', type: 'date', computed: true, help: 'Expiry if given, otherwise date + the topic\'s validity.' },
      { key: 'certificationStatus', header: 'Certification status', type: 'choice', choices: CERTIFICATION_STATUSES, computed: true },
      { key: 'hours', header: 'Hours', type: 'number', min: 0 },
      { key: 'cost', header: 'Cost', type: 'money', min: 0 },
      { key: 'budgetLine', header: 'Budget line', type: 'ref', ref: 'Budget' },
      { key: 'usefulness', header: 'Usefulness', type: 'text', help: 'From the training feedback form.' },
      { key: 'feedback', header: 'Feedback', type: 'longText', help: 'From the training feedback form.' },
      { key: 'submissionKey', header: 'Submission key', type: 'text', computed: true, help: 'Links a row to the form response it came from (prevents duplicates).' },
      { key: 'flags', header: 'Flags', type: 'text', help: 'Filled by the form: what a coordinator should check about this row. Clear it once checked.' },
      { key: 'internal', header: 'Internal training', type: 'choice', choices: YES_NO, help: 'Yes when your organization gave this training itself: ROSE Tracker can make a certificate for it once it is completed.' },
      { key: 'completed', header: 'Completed', type: 'choice', choices: YES_NO, help: 'Yes once the person finished the whole training.' },
      { key: 'facilitator', header: 'Facilitator', type: 'text', help: 'Who gave the training; printed on the certificate.' },
    ],
  },
  {
    name: 'Events', idPrefix: 'EVT', labelColumn: 'type', tabColor: '#12b5cb',
    description: 'Meet-and-greets, teambuilding days, training sessions and screenings.',
    columns: [
      id,
      { key: 'site', header: 'Site', type: 'ref', ref: 'Sites', required: true },
      { key: 'type', header: 'Type', type: 'choice', choices: EVENT_TYPES, allowOther: true, required: true },
      { key: 'date', header: 'Date', type: 'date', required: true },
      { key: 'partners', header: 'Partners', type: 'text', help: 'e.g. police, paramedics, health authority' },
      { key: 'attendance', header: 'Attendance', type: 'integer', min: 0 },
      notes,
    ],
  },
  {
    name: 'Support Requests', idPrefix: 'REQ', confidential: true, tabColor: '#c5221f',
    description: 'Requests to the Systems Navigator or Peer Supporter. Confidential.',
    columns: [
      id,
      { key: 'date', header: 'Date', type: 'date', required: true },
      { key: 'staff', header: 'Staff', type: 'ref', ref: 'Staff', help: 'Optional: leave blank when the person asked not to be named.' },
      { key: 'for', header: 'For', type: 'choice', choices: ['Systems Navigator', 'Peer Supporter'] },
      { key: 'type', header: 'Type', type: 'choice', choices: SUPPORT_TYPES, required: true },
      { key: 'urgency', header: 'Urgency', type: 'choice', choices: ['Today', 'This week', 'When possible'] },
      { key: 'status', header: 'Status', type: 'choice', choices: SUPPORT_STATUSES, required: true },
      { key: 'resolvedDate', header: 'Resolved date', type: 'date' },
      { key: 'handledBy', header: 'Handled by', type: 'text' },
      { key: 'contact', header: 'Contact', type: 'text', help: 'How the person asked to be reached.' },
      { key: 'name', header: 'Name', type: 'text', help: 'Only when the person chose to give it on the form.' },
      { key: 'details', header: 'Details', type: 'longText' },
      { key: 'submissionKey', header: 'Submission key', type: 'text', computed: true, help: 'Links a row to the form response it came from (prevents duplicates).' },
      { key: 'flags', header: 'Flags', type: 'text', help: 'Filled by the form: what a coordinator should check about this row. Clear it once checked.' },
    ],
  },
  {
    name: 'Survey Responses', idPrefix: 'RESP', confidential: true, tabColor: '#9334e6',
    description: 'Anonymous evaluation survey answers with scores. Never joined to Staff.',
    columns: [
      id,
      { key: 'submitted', header: 'Submitted', type: 'datetime' },
      { key: 'survey', header: 'Survey', type: 'text' },
      { key: 'surveyVersion', header: 'Survey version', type: 'text' },
      { key: 'wave', header: 'Wave', type: 'choice', choices: ['Baseline', 'Follow-up'], allowOther: true },
      { key: 'site', header: 'Site', type: 'text' },
      { key: 'participantCode', header: 'Participant code', type: 'text' },
      { key: 'flags', header: 'Flags', type: 'text' },
      { key: 'submissionKey', header: 'Submission key', type: 'text' },
    ],
  },
  {
    name: 'Documents', idPrefix: 'DOC', tabColor: '#5f6368',
    description: 'Every document ROSE Tracker generated, with links and status.',
    columns: [
      id,
      { key: 'template', header: 'Template', type: 'text' },
      { key: 'staff', header: 'Staff', type: 'ref', ref: 'Staff' },
      { key: 'link', header: 'Link', type: 'url' },
      { key: 'pdfLink', header: 'PDF link', type: 'url' },
      { key: 'created', header: 'Created', type: 'datetime' },
      { key: 'createdBy', header: 'Created by', type: 'email' },
      { key: 'status', header: 'Status', type: 'choice', choices: ['Queued', 'In progress', 'Done', 'Failed', 'Skipped', 'Sending', 'Sent', 'Draft — review before sending'] },
      { key: 'error', header: 'Error', type: 'longText' },
      { key: 'training', header: 'Training', type: 'ref', ref: 'Training Log', help: 'For a certificate: the Training Log row it is for.' },
      { key: 'sentTo', header: 'Sent to', type: 'text', help: 'For a row that records an email: the address the document went to.' },
    ],
  },
  {
    name: 'Interview Log', idPrefix: 'INT', confidential: true, tabColor: '#9334e6',
    description: 'Process-evaluation interviews: who was asked (by role, never by name), about which ROSE strategy, and what they said. Confidential.',
    columns: [
      id,
      { key: 'date', header: 'Date', type: 'date', required: true },
      { key: 'role', header: 'Role', type: 'choice', choices: INTERVIEW_ROLES, required: true },
      { key: 'site', header: 'Site', type: 'ref', ref: 'Sites' },
      { key: 'consentRecorded', header: 'Consent recorded', type: 'choice', choices: YES_NO, required: true, help: 'Yes only when the person agreed to take part and that consent is on file. Rows without it are left out of every summary.' },
      { key: 'strategy', header: 'ROSE strategy', type: 'choice', choices: ROSE_STRATEGIES, allowOther: true, required: true },
      { key: 'constructs', header: 'NPT constructs', type: 'text', help: 'Normalization Process Theory codes, separated by commas: Coherence, Cognitive participation, Collective action, Reflexive monitoring.' },
      { key: 'view', header: 'What they said', type: 'choice', choices: INTERVIEW_VIEWS, help: 'Works, Does not work or Mixed: what the person said about this strategy.' },
      { key: 'notes', header: 'Short notes', type: 'longText', help: 'A few words in your own paraphrase. Never a name, or anything that tells who said it.' },
    ],
  },
  {
    name: 'Implementation Targets', idPrefix: 'TGT', tabColor: '#188038',
    description: 'Per site, the target for each indicator of the ROSE implementation index, and the baseline if it was measured before the tracker.',
    columns: [
      id,
      { key: 'site', header: 'Site', type: 'ref', ref: 'Sites', required: true },
      { key: 'indicator', header: 'Indicator', type: 'choice', choices: IMPLEMENTATION_INDICATORS, required: true },
      { key: 'target', header: 'Target', type: 'number', min: 0, required: true, help: 'A share (e.g. 100%, 0.8) for staff and training indicators; a count for events a year (e.g. 2 teambuilding days).' },
      { key: 'baseline', header: 'Baseline', type: 'number', min: 0, help: 'Blank = computed from the tracker on the baseline date.' },
      { key: 'baselineDate', header: 'Baseline date', type: 'date', help: 'Blank = the first day of the site\'s first evaluation survey, else the tracker\'s first period.' },
      notes,
    ],
  },
  {
    name: 'Payments', idPrefix: 'PAY', confidential: true, tabColor: '#c5221f',
    computedFrom: ['Settings'],
    description: 'Payments to peer staff (honoraria, gift cards, short-term work), with the tax-slip flag and, for people who asked for it, a running total against their assistance earnings exemption. Confidential.',
    columns: [
      id,
      { key: 'person', header: 'Person', type: 'ref', ref: 'Staff', required: true },
      { key: 'date', header: 'Date', type: 'date', required: true, help: 'The day the person received the payment: tax slips and earnings exemptions count by the day money is received.' },
      { key: 'amount', header: 'Amount', type: 'money', required: true },
      { key: 'method', header: 'Method', type: 'choice', choices: PAYMENT_METHODS, help: 'Blank = Cash. BCCDC Peer Payment Standards (2018): pay in cash unless the person asks otherwise.' },
      { key: 'purpose', header: 'What it was for', type: 'text' },
      { key: 'agreedUpFront', header: 'Agreed up front', type: 'choice', choices: YES_NO, required: true, help: 'Yes when the amount was agreed with the person before the work (BCCDC Peer Payment Standards).' },
      { key: 'receipt', header: 'Receipt', type: 'text', help: 'A link to the signed receipt, or "given" when the person has a paper copy.' },
      { key: 'yearTotal', header: 'Paid in the calendar year', type: 'money', computed: true, help: 'Everything this person was paid in the calendar year of this payment.' },
      { key: 'taxSlip', header: 'T4/T4A slip', type: 'choice', choices: YES_NO, computed: true, help: 'Yes when the calendar year\'s total is more than $500: CRA requires a T4A slip for fees or other amounts for services above $500 in a calendar year (guide RC4157), a T4 for an employee (guide RC4120).' },
      { key: 'exemptionTracking', header: 'Track earnings exemption', type: 'choice', choices: EXEMPTION_TRACKING, help: 'Only with the person\'s explicit consent: choose their assistance to keep a private running total against its earnings exemption; No stops it. The person\'s latest payment with this filled decides; blank keeps what it says.' },
      { key: 'exemptionLimit', header: 'Own exemption limit', type: 'money', min: 0, help: 'Blank = the figure in Settings for their assistance (a month for income assistance, a year for disability assistance). Type the person\'s own when their family\'s differs; read from the same row as Track earnings exemption.' },
      { key: 'exemptionUsed', header: 'Exemption used', type: 'percent', computed: true, help: 'For a tracked person: what they were paid in this payment\'s month (income assistance) or year (disability assistance) up to and including it, as a share of the limit.' },
      { key: 'exemptionWarning', header: 'Exemption warning', type: 'choice', choices: EXEMPTION_WARNINGS, computed: true, help: 'Near the limit from 75 %, over the limit above 100 %. The ministry writes to a person on disability assistance at 75 % (gov.bc.ca, Annual Earnings Exemption).' },
      notes,
    ],
  },
]);

/** The declaration as plain specs, for code that walks every tab or column. */
export const TABS: readonly TabSpec[] = DECLARED;

type TabDeclaration = (typeof DECLARED)[number];
type DeclarationOf<N extends TabName> = Extract<TabDeclaration, { name: N }>;
/** The keys of a tab's columns: reading a column the schema does not declare does not compile. */
export type ColumnKey<N extends TabName> = DeclarationOf<N>['columns'][number]['key'];
/** Any column key of any tab. */
export type AnyColumnKey = ColumnKey<TabName>;

export function tabSpec<N extends TabName>(name: N): TabSpec<N> {
  const spec = (TABS as readonly TabSpec[]).find((t) => t.name === name);
  if (!spec) throw new Error(`Unknown tab ${name}`);
  return spec as TabSpec<N>;
}

/** A column's declaration by its key, for headers in messages and layouts. */
export function column<N extends TabName>(tab: N, key: ColumnKey<N>): ColumnSpec {
  const spec = tabSpec(tab).columns.find((c) => c.key === key);
  if (!spec) throw new Error(`Unknown column ${key} on ${tab}`);
  return spec;
}

/** The header coordinators see for a column key. */
export function headerOf<N extends TabName>(tab: N, key: ColumnKey<N>): string {
  return column(tab, key).header;
}


/** Settings rows: key, default, explanation. The living wage default is dated and sourced (FACTS: pay). */
export interface SettingSpec {
  key: SettingKey;
  defaultValue: string | number;
  about: string;
  type: 'text' | 'email-list' | 'money' | 'integer' | 'timezone' | 'currency' | 'date' | 'email';
  /** The setting widens who reads or edits what: setup protects its row so only coordinators change it. */
  coordinatorsOnly?: true;
}

export type SettingKey =
  | 'Organization name' | 'Address' | 'Phone' | 'Email' | 'Time zone' | 'Currency' | 'Locale'
  | 'Living wage per hour' | 'Living wage as of' | 'Living wage source' | 'Coordinator emails'
  | 'Coordinator name' | 'Documents folder' | 'Reminder lead days' | 'Minimum group size for reports'
  | 'Follow-up after months' | 'Follow-up open days'
  | 'Support team emails' | 'Support requests workbook' | 'Evaluator emails' | 'Evaluation workbook'
  | 'Earnings exemption, income assistance (a month)' | 'Earnings exemption, disability assistance (a year)'
  | 'Earnings exemptions as of' | 'Earnings exemptions source';

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'Organization name', defaultValue: '', type: 'text', about: 'Shown on documents and reports.' },
  { key: 'Address', defaultValue: '', type: 'text', about: 'Mailing address, for contracts and letters.' },
  { key: 'Phone', defaultValue: '', type: 'text', about: 'Main phone number.' },
  { key: 'Email', defaultValue: '', type: 'email', about: 'Main email address.' },
  { key: 'Time zone', defaultValue: 'America/Vancouver', type: 'timezone', about: 'Dates and "today" follow this time zone (e.g. America/Vancouver, America/Toronto).' },
  { key: 'Currency', defaultValue: 'CAD', type: 'currency', about: 'Three-letter currency code for money columns.' },
  { key: 'Locale', defaultValue: 'en-CA', type: 'text', about: 'How dates and money are written in documents (en-CA, fr-CA, en-US).' },
  { key: 'Living wage per hour', defaultValue: 27.85, type: 'money', about: 'Update every year. Default: Metro Vancouver 2025 living wage, Living Wage for Families BC. Greater Victoria 2025: 27.40; Fraser Valley 2024: 23.23.' },
  { key: 'Living wage as of', defaultValue: '2025-11-01', type: 'date', about: 'When the living wage figure was published; the dashboard warns when it is over a year old.' },
  { key: 'Living wage source', defaultValue: 'Living Wage for Families BC, 2025 calculation (Metro Vancouver)', type: 'text', about: 'Where the figure comes from.' },
  { key: 'Coordinator emails', defaultValue: '', type: 'email-list', coordinatorsOnly: true, about: 'Comma-separated. Only these people can edit Staff, Support Requests, Survey Responses, Interview Log and Payments; they receive reminders. Only a coordinator can change this row, and an address counts once a coordinator has run Set up tracker with it.' },
  { key: 'Coordinator name', defaultValue: '', type: 'text', about: 'Signs contracts and reference letters.' },
  { key: 'Documents folder', defaultValue: '', type: 'text', coordinatorsOnly: true, about: 'Link or ID of the Drive folder for generated documents. Blank: ROSE Tracker creates one.' },
  { key: 'Reminder lead days', defaultValue: 30, type: 'integer', about: 'How many days ahead milestones, certificates and contracts count as "due soon".' },
  { key: 'Minimum group size for reports', defaultValue: 5, type: 'integer', coordinatorsOnly: true, about: 'Survey results for a group smaller than this are shown as suppressed, to protect anonymity.' },
  { key: 'Follow-up after months', defaultValue: 12, type: 'integer', about: 'The follow-up survey opens this many months after a site\'s first baseline answer (the ROSE plan: one year).' },
  { key: 'Follow-up open days', defaultValue: 60, type: 'integer', about: 'How many days the follow-up survey stays open before it counts as overdue for the evaluator to close.' },
  { key: 'Support team emails', defaultValue: '', type: 'email-list', about: 'Comma-separated: the Systems Navigator and the Peer Supporter. Set up private workbooks shares the Support requests workbook with them and the coordinators, and with no one else.' },
  { key: 'Support requests workbook', defaultValue: '', type: 'text', about: 'Filled by Set up private workbooks: the workbook where support requests land. Not shared with everyone who can open this tracker.' },
  { key: 'Evaluator emails', defaultValue: '', type: 'email-list', about: 'Comma-separated: the evaluator (often a peer research assistant). Set up private workbooks shares the Evaluation workbook with them and the coordinators, and with no one else.' },
  { key: 'Evaluation workbook', defaultValue: '', type: 'text', about: 'Filled by Set up private workbooks: the workbook where evaluation survey answers land and are scored. This tracker receives only the suppressed Evaluation report.' },
  // Earnings exemptions (Payments → Track earnings exemption). The defaults are the latest figures found
  // in public sources, older than the ministry's 2024-01-01 increase whose amounts were not found: a
  // figure too low warns early rather than late, and "as of" starts blank so Check data asks for a date.
  { key: 'Earnings exemption, income assistance (a month)', defaultValue: 400, type: 'money', about: 'BC income assistance leaves earnings up to this much a month out of the payment; the figure depends on the family. From 2017-10-01: $400 single, $600 with children, $700 with a child with a disability or persistent multiple barriers (BC Government News, 2017-09-19). The BCEA Policy and Procedure Manual lists increases from 2024-01-01: check gov.bc.ca and update.' },
  { key: 'Earnings exemption, disability assistance (a year)', defaultValue: 15000, type: 'money', about: 'BC disability assistance: earnings from January 1 to December 31 up to this much leave the payment unchanged. $15,000 single with the PWD designation, $18,000 a couple with one designated, $30,000 both (Disability Resource Centre Victoria, summarizing the ministry). The BCEA Policy and Procedure Manual lists increases from 2024-01-01: check gov.bc.ca and update.' },
  { key: 'Earnings exemptions as of', defaultValue: '', type: 'date', about: 'The day the two earnings exemption figures above were checked against the ministry\'s pages. Check data asks for it while anyone\'s payments are tracked, and again when it is more than a year old.' },
  { key: 'Earnings exemptions source', defaultValue: 'BC Ministry of Social Development and Poverty Reduction: BCEA Policy and Procedure Manual, Income Treatment and Exemptions (www2.gov.bc.ca)', type: 'text', about: 'Where the earnings exemption figures come from.' },
];

/**
 * Seed topics. Validity facts (FACTS: certifications): Red Cross / workplace first aid 3 years; CPR/AED often
 * renewed yearly in some sectors; no fixed period found for naloxone and other topics, so they start blank
 * and each organization sets its own.
 */
export const SEED_TOPICS: readonly (readonly [string, string, number | '', string, string])[] = [
  ['First aid and CPR', 'Skill Development', 36, 'Peer Worker, Peer Supporter, Systems Navigator', 'Red Cross / workplace first aid certificates: 3 years'],
  ['CPR/AED refresher', 'Skill Development', 12, '', 'Often renewed yearly in some sectors'],
  ['Naloxone administration', 'Skill Development', '', 'Peer Worker, Peer Supporter', 'No fixed period; set by your organization'],
  ['Pulse oximeter use', 'Skill Development', '', 'Peer Worker', 'No fixed period; set by your organization'],
  ['Recognising mental-health crises', 'Skill Development', '', '', 'No fixed period; set by your organization'],
  ['Conflict resolution and de-escalation', 'Skill Development', '', 'Peer Worker', 'No fixed period; set by your organization'],
  ['Communication skills', 'Skill Development', '', '', ''],
  ['Peer debriefing', 'Skill Development', '', 'Peer Supporter', ''],
  ['Cultural safety', 'Skill Development', '', 'Peer Worker, Peer Supporter, Systems Navigator', ''],
  ['Mindfulness and self-care', 'Skill Development', '', '', ''],
  ['Self-defence', 'Skill Development', '', '', ''],
  ['Overdose response during COVID-19', 'Skill Development', '', '', ''],
];
