/**
 * npm run replay -- report.json — tells again, poll by poll, what a "Report a wrong status" file saw
 * and what the extension made of it (the badge's words at each poll), with today's engine.
 */
import { readFileSync } from 'node:fs';
import en from '../public/_locales/en/messages.json';
import { readReport } from '../utils/engine/evidence/report';
import { translatorFrom } from '../utils/engine/messages';
import { replayStory } from './lib/replay-story';

function main(): number {
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: npm run replay -- report.json (made by "Report a wrong status" in the popup)');
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const report = readReport(raw);
  if (!report) {
    console.error(`${file} is not a Tesla Status report.`);
    return 2;
  }
  const { settings, log } = report;
  console.log(
    `${log.length} polls · region ${settings.region} · every ${settings.pollMinutes} min · watching ${settings.services.join(', ')}\n`,
  );
  for (const line of replayStory(log, settings, translatorFrom(en))) console.log(line);
  return 0;
}

process.exitCode = main();
