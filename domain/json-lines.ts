// Maps JSON paths ('days[3]', 'days[3].date', 'notice.title') to the 1-based line where
// each value starts, so validation errors on an uploaded calendar file can name the line.
// Only ever run on text JSON.parse has already accepted, so it skips error handling.

export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let index = 0;
  let line = 1;

  const skipWhitespace = () => {
    while (index < text.length) {
      const ch = text[index];
      if (ch === '\n') line += 1;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') return;
      index += 1;
    }
  };

  const readString = (): string => {
    const start = index;
    index += 1; // opening quote
    while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index += 1;
    return JSON.parse(text.slice(start, index)) as string;
  };

  const readValue = (path: string) => {
    skipWhitespace();
    lines.set(path, line);
    const ch = text[index];
    if (ch === '{') {
      index += 1;
      skipWhitespace();
      if (text[index] === '}') {
        index += 1;
        return;
      }
      for (;;) {
        skipWhitespace();
        const key = readString();
        skipWhitespace();
        index += 1; // ':'
        readValue(path === '' ? key : `${path}.${key}`);
        skipWhitespace();
        if (text[index++] === '}') return; // otherwise ','
      }
    }
    if (ch === '[') {
      index += 1;
      skipWhitespace();
      if (text[index] === ']') {
        index += 1;
        return;
      }
      for (let item = 0; ; item += 1) {
        readValue(`${path}[${item}]`);
        skipWhitespace();
        if (text[index++] === ']') return;
      }
    }
    if (ch === '"') {
      readString();
      return;
    }
    // number, true, false, null: no newlines inside
    while (index < text.length && !/[\s,\]}]/.test(text[index] ?? '')) index += 1;
  };

  readValue('');
  return lines;
}

/** 1-based line of a character offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text[i] === '\n') line += 1;
  return line;
}
