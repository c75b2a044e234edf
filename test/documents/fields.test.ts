// What a template can say about one person: names, dates and pay formatted once, the new-hire flag, wage against the living wage, trainings.
import {
  buildMergeValues,
  MERGE_FIELDS,
  MergeInput,
  missingRequired,
  NEW_HIRE_DAYS,
  suggestField,
} from '../../addon/documents/fields';
import { SETTINGS, TABS } from '../../addon/tracker/schema';

// 11:00 in Vancouver on 2025-06-20; 2025-06-21 already in UTC after 17:00 the same day.
const NOW = new Date('2025-06-20T18:00:00Z');

/** One person at one organization; `staff` overrides are merged into the default row. */
function input(overrides: Partial<MergeInput> = {}): MergeInput {
  const { staff, ...rest } = overrides;
  return {
    staff: {
      ID: 'S-014',
      'Full name': 'Riley Tremblay',
      'Preferred name': '',
      Role: 'Peer Worker',
      Site: 'Harbour Hub',
      Start: '2024-09-02',
      'Hourly wage': 29.05,
      'Hours per week': 24,
      ...staff,
    },
    site: { Name: 'Harbour Hub', Address: '12 Example Street', City: 'Vancouver' },
    settings: { 'Organization name': 'Eastside Peer Collective', 'Living wage': 27.85, 'Living wage as of': '2025-11-01' },
    now: NOW,
    timeZone: 'America/Vancouver',
    ...rest,
  };
}

describe('the merge fields', () => {
  // One schema: a Staff column or setting renamed in the tracker must be renamed here too.
  it('name real Staff columns, Sites columns and settings', () => {
    const headers = (tab: string): string[] => TABS.find((spec) => spec.name === tab)?.columns.map((column) => column.header) ?? [];
    const staffFields = MERGE_FIELDS.filter((field) => field.source === 'Staff').map((field) => field.name);
    // A person's fields are their Staff columns and, joined by Staff ID, their pay and contacts.
    expect([...headers('Staff'), ...headers('Staff pay and contacts')]).toEqual(expect.arrayContaining(staffFields));
    expect(staffFields).toEqual(expect.arrayContaining(['Email', 'Phone', 'Hourly wage', 'Hours per week']));
    expect(headers('Sites')).toEqual(expect.arrayContaining(['Name', 'Address', 'Region / city']));
    expect(headers('Training Log')).toEqual(expect.arrayContaining(['Topic', 'Date', 'Provider', 'Certified', 'Certificate number', 'Expiry', 'Valid until']));
    const settingKeys = SETTINGS.map((setting) => setting.key as string);
    expect(settingKeys).toEqual(
      expect.arrayContaining(['Organization name', 'Address', 'Phone', 'Email', 'Living wage per hour', 'Living wage as of', 'Coordinator name', 'Locale', 'Currency']),
    );
  });
});

describe('suggestField', () => {
  it('finds the field that differs only by case', () => {
    expect(suggestField('Hourly Wage')).toBe('Hourly wage');
  });

  it('finds the field a typo meant', () => {
    expect(suggestField('Organisation name')).toBe('Organization name');
    expect(suggestField('Strat')).toBe('Start');
  });

  it('suggests nothing for a name unlike any field', () => {
    expect(suggestField('Favourite colour')).toBeUndefined();
  });
});

describe('buildMergeValues', () => {
  it('gives every non-list field a value, blank when the sheet is blank', () => {
    const { values, lists } = buildMergeValues(input());
    for (const field of MERGE_FIELDS) {
      if (field.kind === 'list') expect(Array.isArray(lists[field.name])).toBe(true);
      else expect(typeof values[field.name]).toBe('string');
    }
    expect(values['Phone']).toBe('');
  });

  it('uses the preferred name as display name, or the full name when there is none', () => {
    expect(buildMergeValues(input()).values['Display name']).toBe('Riley Tremblay');
    expect(buildMergeValues(input({ staff: { 'Preferred name': 'Ry' } })).values['Display name']).toBe('Ry');
  });

  it('formats dates and money for the organization', () => {
    const { values } = buildMergeValues(input());
    expect(values['Start']).toBe('September 2, 2024');
    expect(values['Hourly wage']).toBe('$29.05');
    expect(values['Living wage as of']).toBe('November 1, 2025');
    expect(values['Today']).toBe('June 20, 2025');
    expect(values['Weekly pay']).toBe('$697.20');
    const french = buildMergeValues(input({ locale: 'fr-CA' })).values;
    expect(french['Hourly wage']).toBe('29,05\u00a0$');
    expect(french['Start']).toBe('2 septembre 2024');
  });

  it('reads a sheet date cell (midnight in the sheet time zone) as that day', () => {
    const midnightSeptember2 = new Date('2024-09-02T07:00:00Z');
    expect(buildMergeValues(input({ staff: { Start: midnightSeptember2 } })).values['Start']).toBe('September 2, 2024');
  });

  it('reads the tracker tabs as they are: Sites, Settings keys, the Site reference, Training Log columns', () => {
    const merge = buildMergeValues({
      staff: { 'Full name': 'Alex Moreno', Site: 'SITE-0001 · Harbour Lights Drop-in', 'Hourly wage': 28.5 },
      site: { ID: 'SITE-0001', Name: 'Harbour Lights Drop-in', Address: '12 Example Street', 'Region / city': 'Vancouver' },
      settings: { Address: '100 Sample Avenue', Phone: '604-555-0100', Email: 'hello@example.org', 'Living wage per hour': 27.85, Locale: 'fr-CA' },
      trainings: [{ Topic: 'First aid and CPR', Date: '2025-02-11', Certified: 'Yes', 'Certificate number': 'FA-2291', 'Valid until': '2028-02-11' }],
      now: NOW,
      timeZone: 'America/Vancouver',
    });
    expect(merge.values).toMatchObject({
      Site: 'Harbour Lights Drop-in',
      'Site name': 'Harbour Lights Drop-in',
      'Site address': '12 Example Street',
      'Site city': 'Vancouver',
      'Organization address': '100 Sample Avenue',
      'Organization phone': '604-555-0100',
      'Organization email': 'hello@example.org',
      'Living wage': '27,85\u00a0$',
      'Wage vs living wage': '0,65\u00a0$ above the living wage',
    });
    expect(merge.lists['Trainings'][0]).toMatchObject({ Certificate: 'FA-2291', Expiry: '11 février 2028' });
  });

  it('shows the site name from the Site reference when no site row is given', () => {
    const merge = buildMergeValues({ ...input({ staff: { Site: 'SITE-0002 · Cedar House' } }), site: undefined });
    expect(merge.values['Site name']).toBe('Cedar House');
  });

  it('keeps a date typed as text the sheet did not understand, rather than mangling it', () => {
    expect(buildMergeValues(input({ staff: { Start: 'early July' } })).values['Start']).toBe('early July');
  });

  it('reads wages typed as text with a dollar sign', () => {
    expect(buildMergeValues(input({ staff: { 'Hourly wage': '$30' } })).values['Hourly wage']).toBe('$30.00');
  });

  it('says how far the wage is above or below the living wage', () => {
    expect(buildMergeValues(input()).values['Wage vs living wage']).toBe('$1.20 above the living wage');
    expect(buildMergeValues(input({ staff: { 'Hourly wage': 27 } })).values['Wage vs living wage']).toBe('$0.85 below the living wage');
    expect(buildMergeValues(input({ staff: { 'Hourly wage': '27.85' } })).values['Wage vs living wage']).toBe('equal to the living wage');
  });

  it('leaves the comparison blank when no living wage is set', () => {
    const noLivingWage = input({ settings: { 'Organization name': 'Eastside Peer Collective' } });
    expect(buildMergeValues(noLivingWage).values['Wage vs living wage']).toBe('');
  });

  describe('new hire', () => {
    const daysBeforeToday = (days: number): string => new Date(Date.UTC(2025, 5, 20 - days)).toISOString().slice(0, 10);

    it(`is a new hire up to ${NEW_HIRE_DAYS} days after starting, and not from then on`, () => {
      const recent = buildMergeValues(input({ staff: { Start: daysBeforeToday(NEW_HIRE_DAYS - 1) } }));
      expect(recent.flags['Is new hire']).toBe(true);
      expect(recent.values['Is new hire']).toBe('Yes');
      expect(buildMergeValues(input({ staff: { Start: daysBeforeToday(NEW_HIRE_DAYS) } })).flags['Is new hire']).toBe(false);
    });

    it('is a new hire before the first day', () => {
      expect(buildMergeValues(input({ staff: { Start: '2025-07-02' } })).flags['Is new hire']).toBe(true);
    });

    it('is not a new hire without a start date', () => {
      expect(buildMergeValues(input({ staff: { Start: '' } })).flags['Is new hire']).toBe(false);
    });
  });

  it('says how long someone has worked here, up to their end date if they left', () => {
    const timeWithUs = (staff: Partial<MergeInput['staff']>): string => buildMergeValues(input({ staff })).values['Time with us'];
    expect(timeWithUs({ Start: '2024-09-02' })).toBe('9 months');
    expect(timeWithUs({ Start: '2024-06-20' })).toBe('1 year');
    expect(timeWithUs({ Start: '2022-03-21' })).toBe('3 years and 2 months');
    expect(timeWithUs({ Start: '2025-06-01' })).toBe('less than a month');
    expect(timeWithUs({ Start: '2023-01-09', End: '2024-02-08' })).toBe('1 year');
    expect(timeWithUs({ Start: '2025-07-02' })).toBe('');
    expect(timeWithUs({ Start: '' })).toBe('');
  });

  it('names what the role does for a reference letter, and nothing for a role it does not know', () => {
    expect(buildMergeValues(input()).values['Role duties']).toMatch(/^responding to overdoses/);
    expect(buildMergeValues(input({ staff: { Role: 'Systems Navigator' } })).values['Role duties']).toMatch(/get ID, find housing/);
    expect(buildMergeValues(input({ staff: { Role: 'Volunteer driver' } })).values['Role duties']).toBe('');
  });

  it('lists completed trainings oldest first and leaves out planned or undated ones', () => {
    const merge = buildMergeValues(
      input({
        trainings: [
          { Topic: 'First aid and CPR', Date: '2025-02-11', Provider: 'Red Cross', Certificate: 'FA-2291', Expiry: '2028-02-11' },
          { Topic: 'Naloxone', Date: '2024-09-04', Provider: 'Health authority', Certificate: true },
          { Topic: 'De-escalation', Date: '2025-07-15', Provider: 'Community college' },
          { Topic: 'Cultural safety', Date: '' },
          { Topic: 'Naloxone', Date: '2025-03-01', Provider: 'Health authority' },
        ],
      }),
    );
    expect(merge.lists['Trainings'].map((training) => training['Topic'])).toEqual(['Naloxone', 'First aid and CPR', 'Naloxone']);
    expect(merge.lists['Trainings'][0]).toEqual({
      Topic: 'Naloxone',
      Date: 'September 4, 2024',
      Provider: 'Health authority',
      Certificate: 'Yes',
      Expiry: '',
    });
    expect(merge.lists['Trainings'][1]['Expiry']).toBe('February 11, 2028');
    expect(merge.values['Completed trainings']).toBe('Naloxone, First aid and CPR');
  });
});

describe('missingRequired', () => {
  it('names the blank required fields in the template order, counting an empty list as blank', () => {
    const merge = buildMergeValues(input({ staff: { 'Hourly wage': '', Start: '' } }));
    const template = { requires: ['Full name', 'Start', 'Hourly wage', 'Trainings', 'Living wage'] };
    expect(missingRequired(template, merge)).toEqual(['Start', 'Hourly wage', 'Trainings']);
  });

  it('is empty when everything required is there', () => {
    expect(missingRequired({ requires: ['Full name', 'Start', 'Hourly wage'] }, buildMergeValues(input()))).toEqual([]);
  });
});
