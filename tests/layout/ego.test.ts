import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/layout/network.js';
import { layoutEgo } from '../../src/layout/ego.js';
import { smallWorld } from './network-fixture.js';

const opts = { width: 500, height: 500, actor: 'kp' };

describe('layoutEgo', () => {
  it('puts the actor in the centre and neighbours on rings by BFS distance', () => {
    const ego = layoutEgo(buildNetwork(smallWorld()), opts);
    const depth = Object.fromEntries(ego.nodes.map((n) => [n.id, n.depth]));
    expect(depth).toEqual({ kp: 0, us: 1, kr: 1, jp: 1, ru: 1, blinken: 1, 'state-dept': 2 });
    for (const n of ego.nodes) {
      const dist = Math.hypot(n.x - ego.cx, n.y - ego.cy);
      if (n.depth === 0) expect(dist).toBe(0);
      else expect(dist).toBeCloseTo(ego.rings[n.depth - 1]!.radius, 0);
    }
  });

  it('stops at maxDepth', () => {
    const ego = layoutEgo(buildNetwork(smallWorld()), { ...opts, maxDepth: 1 });
    expect(ego.nodes.map((n) => n.id)).not.toContain('state-dept');
    expect(ego.rings).toHaveLength(1);
    expect(ego.edges.every((e) => e.source !== 'state-dept' && e.target !== 'state-dept')).toBe(true);
  });

  it('names an actor that is not in the network', () => {
    expect(() => layoutEgo(buildNetwork(smallWorld()), { ...opts, actor: 'nobody' })).toThrow(/"nobody"/);
  });

  it('places outer nodes near the angle of their parent', () => {
    const ego = layoutEgo(buildNetwork(smallWorld()), opts);
    const byId = new Map(ego.nodes.map((n) => [n.id, n]));
    const child = byId.get('state-dept')!;
    const parent = byId.get(child.parent!)!;
    const diff = Math.abs(Math.atan2(Math.sin(child.angle - parent.angle), Math.cos(child.angle - parent.angle)));
    expect(diff).toBeLessThan(Math.PI / 2);
  });
});
