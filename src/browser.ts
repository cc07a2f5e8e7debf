// The browser bundle (global `EntityTimeline`): the whole public API.
export * from './index.js';
