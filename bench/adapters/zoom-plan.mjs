// The 30 zoom/pan steps, for adapters that zoom through their API rather than the wheel.
// They mirror what the runner does with the mouse: steps 0–9 zoom in (×0.8 around the
// centre), 10–19 pan right by 5% of the window, 20–29 zoom back out (÷0.8).
export const ZOOM_STEPS = 30;

/** The window after step `i`, from the window before it. */
export function nextWindow(i, [from, to]) {
  const width = to - from;
  const centre = (from + to) / 2;
  if (i < 10) return [centre - (width * 0.8) / 2, centre + (width * 0.8) / 2];
  if (i < 20) return [from + width * 0.05, to + width * 0.05];
  return [centre - width / 0.8 / 2, centre + width / 0.8 / 2];
}
