// The browser bundle (global `EntityTimeline`): the whole public API, and <entity-timeline>
// defined on load so pages can use the element with a single <script> tag.
import { autoDefineEntityTimelineElement } from './element/register.js';

export * from './index.js';

autoDefineEntityTimelineElement();
