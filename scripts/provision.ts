// `npm run provision -- --org "Name"`: creates a ROSE tracker for a new organization in the signed-in Google account.
import { join } from 'node:path';
import { CONNECTION_OPTIONS, SCOPES, SIGN_IN_NOTE, signIn, signInOptions, type Session } from './lib/auth';
import { type CommandIO, type CommandSpec, listOption, runCommand, runMain, stringOption } from './lib/cli';
import { UserFacingError } from './lib/errors';
import { googleApis } from './lib/google';
import { createProgress } from './lib/progress';
import { checkEmails, findExisting, namesFor, planSteps, provision, readBuiltAddon, reportLines } from './lib/provision';

const DIST = join(__dirname, '..', 'dist');

export const PROVISION: CommandSpec = {
  name: 'provision',
  summary: 'Creates a ROSE Tracker for an organization in your Google account: a spreadsheet named for the organization, '
    + 'its Apps Script project filled with the built add-on (dist/), and a Drive folder for its documents. Then prints the link and the next step.',
  options: [
    { name: 'org', kind: 'string', placeholder: 'name', required: true, description: 'The organization\'s name, as coordinators will see it.' },
    { name: 'dry-run', kind: 'boolean', description: 'Say what would be created, and create nothing.' },
    { name: 'folder-name', kind: 'string', placeholder: 'name', description: 'Name of the Drive folder for documents (default "<org> — ROSE Tracker documents").' },
    { name: 'share', kind: 'list', placeholder: 'email', description: 'Also give this person edit access to the spreadsheet and the folder.' },
    { name: 'dist', kind: 'string', placeholder: 'folder', description: 'The built add-on to install (default: dist/ of this repository, made by npm run build).' },
    ...CONNECTION_OPTIONS,
  ],
  notes: [
    SIGN_IN_NOTE,
    'The Apps Script API must be turned on for your account once, at https://script.google.com/home/usersettings. '
      + 'Running the command again for the same organization finishes an interrupted run and creates nothing twice.',
  ],
  examples: [
    'npm run provision -- --org "Harbour Lights Society" --credentials ~/Downloads/credentials.json',
    'npm run provision -- --org "Harbour Lights Society" --share coordinator@example.org --dry-run',
  ],
};

/** Provisioning needs scripts.projects for the bound project; drive.file reaches only what it creates. */
const PROVISION_SCOPES = [SCOPES.spreadsheets, SCOPES.driveFile, SCOPES.scriptProjects];

export async function main(argv: string[], io: CommandIO): Promise<number> {
  let session: Session | undefined;
  return runCommand(PROVISION, argv, io, async (options) => {
    const organization = stringOption(options, 'org')!;
    const names = namesFor(organization, stringOption(options, 'folder-name'));
    const share = checkEmails(listOption(options, 'share'));
    const files = readBuiltAddon(stringOption(options, 'dist') ?? DIST);
    const dryRun = options['dry-run'] === true;

    let signInError: unknown = null;
    try {
      session = await signIn(signInOptions(options, io, PROVISION_SCOPES), io);
    } catch (error) {
      // A dry run without a sign-in still says what it would create; it just cannot check what exists.
      if (!dryRun || !(error instanceof UserFacingError)) throw error;
      signInError = error;
    }
    if (session?.kind === 'service-account') {
      throw new UserFacingError('Provisioning needs a person\'s Google sign-in because the Apps Script API does not accept service accounts; run with --credentials credentials.json (an OAuth client for a desktop app)');
    }

    if (dryRun) {
      const existing = session ? await findExisting(googleApis(session), names) : null;
      io.out(`Dry run: nothing is created. For ${organization}${existing?.account ? ` in ${existing.account}'s Google Drive` : ''}, provision would:`);
      for (const step of planSteps(names, existing, { share, files })) io.out(`  - ${step.action} ${step.what}`);
      if (signInError) io.out(`(Not signed in, so existing files were not checked: ${(signInError as Error).message}.)`);
      return;
    }

    const request = { organization, folderName: stringOption(options, 'folder-name'), share, files };
    const result = await provision(googleApis(session!), request, createProgress(io, 'Provisioning', 4));
    for (const line of reportLines(organization.trim(), result)) io.out(line);
  }, () => ({ tokenCache: session?.tokenCache }));
}

if (require.main === module) runMain(main);
