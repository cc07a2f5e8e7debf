const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/**
 * Returns the URL when its scheme is http, https or mailto, and `undefined` otherwise.
 * Control characters and white space (which browsers strip, so `java\tscript:` would run)
 * are rejected outright rather than cleaned.
 *
 * @example
 * ```ts
 * safeUrl('https://example.org/a'); // 'https://example.org/a'
 * safeUrl('javascript:alert(1)');   // undefined
 * ```
 */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const text = url.trim();
  // eslint-disable-next-line no-control-regex
  if (text === '' || /[\u0000-\u0020\u007f-\u009f]/.test(text)) return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text);
  if (!scheme || !ALLOWED.has(scheme[1]!.toLowerCase() + ':')) return undefined;
  try {
    const parsed = new URL(text);
    return ALLOWED.has(parsed.protocol) ? text : undefined;
  } catch {
    return undefined;
  }
}
