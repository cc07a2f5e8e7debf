// vis-timeline 8 (standalone UMD build, global `vis`): one group per actor, points as
// `point` items, intervals as `range` items, default stacking. Zoom: mouse wheel; pan: drag.
export const scripts = ['/node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js'];
export const styles = ['/node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css'];
export const zoom = 'wheel';

export function prepare(w) {
  const groups = w.actors.map((a) => ({ id: a.id, content: a.name }));
  const items = w.events.map((e) =>
    e.end === undefined
      ? { id: e.id, group: e.lane, content: e.title, start: e.start, type: 'point' }
      : { id: e.id, group: e.lane, content: e.title, start: e.start, end: e.end, type: 'range' },
  );
  return { groups, items, extent: w.extent };
}

export function create(container, { groups, items, extent }) {
  let drawn;
  const done = new Promise((resolve) => (drawn = resolve));
  const timeline = new window.vis.Timeline(container, items, groups, {
    start: extent[0],
    end: extent[1],
    height: '800px',
    onInitialDrawComplete: () => drawn(),
  });
  return { timeline, done };
}

export function drawn(handle) {
  return handle.done;
}

export function visibleWindow({ timeline }) {
  const { start, end } = timeline.getWindow();
  return [+start, +end];
}
