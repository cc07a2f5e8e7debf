/**
 * CSS colour syntax, and nothing else: a hex colour (`#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`),
 * a keyword (`teal`, `currentColor`, `transparent`) or a colour function of numbers
 * (`rgb(0 114 178)`, `hsl(200deg 100% 35% / 0.8)`, `oklch(…)`). Actor colours reach `fill` and
 * `stroke` attributes and canvas styles verbatim, so `url(…)`, `var(…)`, quotes, semicolons and
 * markup are refused here rather than escaped later.
 */
const CSS_COLOR = /^(?:#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|[a-z]{3,30}|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\([0-9a-z\s.,%+\-/]*\))$/i;

/**
 * Whether `text` is a CSS colour the library will draw with.
 *
 * @example
 * ```ts
 * isCssColor('#0072B2');               // true
 * isCssColor('rgb(0 114 178 / 50%)');  // true
 * isCssColor('url(javascript:alert(1))'); // false
 * ```
 */
export function isCssColor(text: string): boolean {
  return CSS_COLOR.test(text);
}
