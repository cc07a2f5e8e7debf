/**
 * Force layout off the critical path. Two ways:
 *
 * - {@link layoutInChunks} (works everywhere, no setup): runs the simulation a few ticks at a
 *   time, yielding to the event loop whenever a time budget (8 ms by default) is spent, so the
 *   page never freezes for more than a frame even for thousands of actors.
 * - {@link layoutInWorker} (true parallelism): runs `layoutForce` in a Web Worker. Bundlers
 *   make self-contained worker sources fragile, so the caller provides the worker: a module
 *   that imports this library and calls {@link serveForceLayout}:
 *
 * ```ts
 * // network-worker.ts (bundled by your app as a worker entry)
 * import { serveForceLayout } from 'entity-timeline';
 * serveForceLayout(self);
 *
 * // main thread
 * const worker = new Worker(new URL('./network-worker.ts', import.meta.url), { type: 'module' });
 * const layout = await layoutInWorker(worker, graph, { width: 800, height: 600 });
 * ```
 */
import { forceLayoutSteps, layoutForce } from '../../layout/force.js';
import type { ForceLayout, ForceLayoutOptions, ForcePhase } from '../../layout/force.js';
import type { NetworkGraph } from '../../layout/network.js';
import { abortReason, runInSlices, type SliceOptions } from '../../model/steps.js';

export { nextTask, runInSlices } from '../../model/steps.js';

/** Progress of a chunked or worker layout. */
export interface LayoutProgress {
  readonly ticksDone: number;
  readonly totalTicks: number;
  /** 0–1. */
  readonly fraction: number;
  /** What the layout is busy with: warm start, simulation ticks, edge routing and labels, or done. */
  readonly phase?: ForcePhase;
}

/** Options of {@link layoutInChunks}: how to slice (see `runInSlices`) and a progress callback. */
export interface ChunkOptions extends Omit<SliceOptions, 'onSlice'> {
  /** Called after every chunk. */
  readonly onProgress?: (progress: LayoutProgress) => void;
}

/**
 * Runs {@link layoutForce} in time-sliced chunks. The result is identical to `layoutForce`
 * with the same options: only the scheduling differs. Every part of the work is sliced (the
 * warm start's community detection, each simulation tick, edge routing and label placement),
 * so no chunk runs much past `budgetMs`, whatever the size of the graph.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const layout = await layoutInChunks(graph, { width: 1200, height: 800 }, {
 *   signal: controller.signal,
 *   onProgress: ({ fraction }) => (bar.value = fraction),
 * });
 * ```
 */
export async function layoutInChunks(graph: NetworkGraph, options: ForceLayoutOptions, chunk: ChunkOptions = {}): Promise<ForceLayout> {
  const run = forceLayoutSteps(graph, options);
  return runInSlices(run.steps, {
    ...chunk,
    onSlice: () => chunk.onProgress?.({ ticksDone: run.ticksDone, totalTicks: run.totalTicks, fraction: progressOf(run), phase: run.phase }),
  });
}

/** Share of the work done: the warm start counts for a tenth, ticks for most, the finish for a tenth. */
function progressOf(run: { readonly ticksDone: number; readonly totalTicks: number; readonly phase: ForcePhase }): number {
  if (run.phase === 'done') return 1;
  if (run.phase === 'start') return 0;
  const ticks = run.totalTicks ? run.ticksDone / run.totalTicks : 1;
  return run.phase === 'finish' ? 0.9 : 0.1 + 0.8 * ticks;
}

/** The message a layout worker receives. */
export interface ForceLayoutRequest {
  readonly id: number;
  readonly graph: NetworkGraph;
  /** `measureLabel` cannot cross into a worker; labels are sized with the built-in estimate. */
  readonly options: Omit<ForceLayoutOptions, 'measureLabel'>;
}

/** The message a layout worker sends back. */
export type ForceLayoutResponse = { readonly id: number; readonly layout: ForceLayout } | { readonly id: number; readonly error: string };

/** The part of a worker's global scope {@link serveForceLayout} uses. */
export interface WorkerScopeLike {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: ForceLayoutResponse): void;
}

/**
 * Answers layout requests inside a Web Worker (call it from your worker entry file).
 *
 * @example
 * ```ts
 * import { serveForceLayout } from 'entity-timeline';
 * serveForceLayout(self);
 * ```
 */
export function serveForceLayout(scope: WorkerScopeLike): void {
  scope.addEventListener('message', (event) => {
    const request = event.data as ForceLayoutRequest;
    if (!request || typeof request !== 'object' || typeof request.id !== 'number') return;
    try {
      scope.postMessage({ id: request.id, layout: layoutForce(request.graph, request.options) });
    } catch (error) {
      scope.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

/** The part of `Worker` {@link layoutInWorker} uses. */
export interface WorkerLike {
  postMessage(message: ForceLayoutRequest): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

let nextRequest = 0;

/**
 * Runs the force layout in a worker that called {@link serveForceLayout}.
 *
 * @example
 * ```ts
 * const layout = await layoutInWorker(worker, graph, { width: 800, height: 600, seed: 1 });
 * ```
 */
export function layoutInWorker(worker: WorkerLike, graph: NetworkGraph, options: Omit<ForceLayoutOptions, 'measureLabel'>, signal?: AbortSignal): Promise<ForceLayout> {
  const id = ++nextRequest;
  return new Promise((resolve, reject) => {
    const onMessage = (event: { data: unknown }): void => {
      const data = event.data as ForceLayoutResponse;
      if (!data || data.id !== id) return;
      cleanup();
      if ('error' in data) reject(new Error(data.error));
      else resolve(data.layout);
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal ? abortReason(signal) : new Error('Layout aborted'));
    };
    const cleanup = (): void => {
      worker.removeEventListener('message', onMessage);
      signal?.removeEventListener('abort', onAbort);
    };
    if (signal?.aborted) return onAbort();
    worker.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort);
    worker.postMessage({ id, graph, options });
  });
}
