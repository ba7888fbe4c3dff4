#!/usr/bin/env node
// The formatter (Biome) keeps code within 120 columns but never rewraps a comment; this holds comments
// to the same limit. Strings are left whole on purpose: an expected text reads best unbroken.
// `--fix` wraps the long comment lines in place.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LIMIT = 120;
const fix = process.argv.includes('--fix');
const files = execFileSync(
  'git',
  ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx', '*.mjs', '*.js', '*.css'],
  {
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter(Boolean);
// A line comment, a JSDoc or block comment line; biome-ignore reasons must stay on their line.
const COMMENT = /^(\s*)(\/\/ |\* |\/\* |\{\/\* )(.*)$/;

/** Wraps a `// ` or ` * ` comment line at word boundaries, each piece with the same prefix. */
function wrap(prefix, text) {
  const lines = [];
  let line = prefix;
  for (const word of text.split(' ')) {
    if (line !== prefix && line.length + 1 + word.length > LIMIT) {
      lines.push(line);
      line = prefix + word;
    } else line = line === prefix ? prefix + word : `${line} ${word}`;
  }
  return [...lines, line];
}

let failures = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the working tree
  }
  const out = [];
  let changed = false;
  text.split('\n').forEach((line, index) => {
    const match = line.length > LIMIT ? COMMENT.exec(line) : null;
    if (!match || line.includes('biome-ignore')) {
      out.push(line);
      return;
    }
    if (fix && (match[2] === '// ' || match[2] === '* ')) {
      out.push(...wrap(match[1] + match[2], match[3]));
      changed = true;
      return;
    }
    failures++;
    console.error(`${file}:${index + 1}: a comment of ${line.length} columns (at most ${LIMIT})`);
    out.push(line);
  });
  if (changed) writeFileSync(file, out.join('\n'));
}
if (failures > 0) {
  console.error(
    `${failures} comment line(s) over ${LIMIT} columns: wrap them (node scripts/check-comment-width.mjs --fix).`,
  );
  process.exit(1);
}
