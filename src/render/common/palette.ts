/**
 * The default categorical palette: Okabe & Ito's eight colours, chosen to stay distinct for
 * the common forms of colour-vision deficiency, with black replaced by a neutral grey that
 * reads on both light and dark backgrounds.
 */
export const OKABE_ITO: readonly string[] = Object.freeze([
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#8C8C8C', // grey
]);

/**
 * A colour for every key, stable for a given key order: the nth distinct key gets the nth
 * palette colour. Keys past the palette's length cycle, which is why views also mark actors
 * by label and shape rather than by colour alone.
 */
export function categoricalColors(keys: readonly string[], palette: readonly string[] = OKABE_ITO): Map<string, string> {
  const colors = new Map<string, string>();
  for (const key of keys) {
    if (!colors.has(key)) colors.set(key, palette[colors.size % palette.length]!);
  }
  return colors;
}
