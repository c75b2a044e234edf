// Lints texts as if they were files of this repository, under its eslint.config.mjs, in a Node process of its own (jest cannot load an ES module config).
// stdin: { rules: [ruleId…], files: [{ filePath, text }…] }; stdout: for each file, its messages as [{ line, ruleId, message }…].
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { rules, files } = JSON.parse(input);

const eslint = new ESLint({
  cwd: join(dirname(fileURLToPath(import.meta.url)), '..', '..'),
  ruleFilter: ({ ruleId }) => rules.includes(ruleId),
  // The rules asked for read syntax and scopes only, so no TypeScript program is built for the type-aware ones.
  overrideConfig: { languageOptions: { parserOptions: { project: false, projectService: false } } },
});
const results = [];
for (const { filePath, text } of files) {
  const [result] = await eslint.lintText(text, { filePath, warnIgnored: true });
  results.push(result.messages.map(({ line, ruleId, message }) => ({ line, ruleId, message })));
}
process.stdout.write(JSON.stringify(results));
