// Where a JSON text goes wrong. JSON.parse's messages differ between engines and V8 often
// gives no position at all (`Unexpected token '}', "{"a":}" is not valid JSON`), so a small
// iterative scanner finds the offset of the first error itself. It runs only after JSON.parse
// has failed, and never recurses, so deeply nested input cannot overflow the stack.

/** The offset of the first syntax error in a JSON text, or undefined when the text is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  const n = text.length;
  let i = 0;
  const stack: boolean[] = []; // true for an object, false for an array
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 1;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i += 1;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const scalar = (): boolean => {
    const c = text[i];
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match === null || match[0].length === 0) return false;
    i += match[0].length;
    return true;
  };

  let state: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    ws();
    if (state === 'value') {
      if (i >= n) return n;
      const c = text[i];
      if (c === '[' || c === '{') {
        i++;
        ws();
        if (text[i] === (c === '[' ? ']' : '}')) {
          i++;
          state = 'after';
        } else {
          stack.push(c === '{');
          state = c === '{' ? 'key' : 'value';
        }
      } else if (scalar()) state = 'after';
      else return i;
    } else if (state === 'key') {
      if (text[i] !== '"' || !string()) return i;
      ws();
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
    } else {
      if (stack.length === 0) return i < n ? i : undefined;
      const inObject = stack[stack.length - 1]!;
      if (text[i] === ',') {
        i++;
        state = inObject ? 'key' : 'value';
      } else if (text[i] === (inObject ? '}' : ']')) {
        i++;
        stack.pop();
      } else return i;
    }
  }
}

/** 1-based line and column of an offset (columns count UTF-16 code units). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON text, or describes the syntax error with its line and column, e.g.
 * `invalid JSON at line 3, column 1 (Expected double-quoted property name)`.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM is not JSON
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const offset = jsonErrorOffset(body);
    // V8 quotes the input in its message; keep only the reason, the position is ours.
    const reason = (error instanceof Error ? error.message : String(error))
      .replace(/,\s*".*" is not valid JSON$/s, '')
      .replace(/\s*in JSON at position \d+.*$/s, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '');
    if (offset === undefined) return { ok: false, message: `invalid JSON (${reason})` };
    const { line, column } = lineColumn(body, offset);
    return {
      ok: false,
      message: `invalid JSON at line ${line}, column ${column} (${offset >= body.length ? 'unexpected end of input' : reason})`,
    };
  }
}
