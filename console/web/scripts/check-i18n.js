// Checks the message files: both languages have the same keys, and every literal key the code asks for
// with t('...') exists. Run: npm run check:i18n
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../src/', import.meta.url).pathname;
const zh = JSON.parse(readFileSync(join(root, 'i18n/zh-CN.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(root, 'i18n/en.json'), 'utf8'));
const problems = [];
for (const key of Object.keys(zh)) if (!(key in en)) problems.push(`en.json lacks ${key}`);
for (const key of Object.keys(en)) if (!(key in zh)) problems.push(`zh-CN.json lacks ${key}`);
for (const [key, text] of Object.entries(zh)) if (!String(text).trim()) problems.push(`zh-CN.json: ${key} is empty`);
for (const [key, text] of Object.entries(en)) if (!String(text).trim()) problems.push(`en.json: ${key} is empty`);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(jsx?|tsx?)$/.test(name) ? [path] : [];
  });
}
let used = 0;
for (const file of files(root)) {
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/\bt\('([^']+)'/g)) {
    used++;
    if (!(match[1] in zh)) problems.push(`${file.slice(root.length)}: no message ${match[1]}`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`i18n: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`i18n: ${Object.keys(zh).length} messages in both languages, ${used} literal uses found`);
