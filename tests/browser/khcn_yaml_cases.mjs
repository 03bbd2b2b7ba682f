// Runs cms/khcn-yaml.js (as built into site/bien-tap/) on cases read as JSON from stdin, for
// tests/browser/test_web_editor_files.py: each case reads a file as the editor would (fromFile),
// applies the form's changes, and writes it back (toFile). Prints the written texts as JSON.
import { readFileSync } from 'node:fs';
import { recordFormat } from './khcn-yaml.js';

const { formats, cases } = JSON.parse(readFileSync(0, 'utf8'));

const setPath = (object, path, value) => {
  const keys = path.split('.');
  const last = keys.pop();
  const parent = keys.reduce((node, key) => (node[key] ??= {}), object);
  if (value === null) delete parent[last];
  else parent[last] = value;
};

// Sveltia hands the formatter the form's content with its keys in the order of the form's
// fields; `order` gives that order for a case's top-level keys.
const inOrder = (content, order) => (order ? Object.fromEntries([
  ...order.filter((key) => key in content).map((key) => [key, content[key]]),
  ...Object.entries(content).filter(([key]) => !order.includes(key)),
]) : content);

const written = cases.map(({ kind, original, form, changes, order }) => {
  const format = recordFormat(kind, formats.kinds[kind], formats.dates, formats.values);
  const content = original === null ? form : format.fromFile(original.trim());
  Object.entries(changes ?? {}).forEach(([path, value]) => setPath(content, path, value));
  return `${format.toFile(inOrder(content, order)).trim()}\n`;
});

process.stdout.write(JSON.stringify(written));
