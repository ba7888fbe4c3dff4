import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../utils/engine/messages';
import type { Ui } from './ui';

/** Stand-ins for times in a message: characters no translation contains. */
const SLOTS = ['\uE000', '\uE001', '\uE002'];

export interface TimeValue {
  at: number;
  text: string;
}

/**
 * A message whose times are `<time datetime="…">` elements: "Down again since <time>10:45</time> ·
 * first down at <time>9:41</time>". Each translation places the times where its grammar wants them;
 * the message is built with stand-ins, then split around them.
 */
export function TimeText({
  ui,
  message,
  times,
  values = [],
}: {
  ui: Ui;
  message: MessageKey;
  times: TimeValue[];
  values?: string[];
}) {
  const text = ui.t(message, [...times.map((_, i) => SLOTS[i]!), ...values]);
  const parts: ComponentChildren[] = [];
  let rest = text;
  times.forEach((time, i) => {
    const [before, after = ''] = rest.split(SLOTS[i]!);
    parts.push(before, <time dateTime={new Date(time.at).toISOString()}>{time.text}</time>);
    rest = after;
  });
  parts.push(rest);
  return <>{parts}</>;
}
