// Gallery chrome shared by the example pages; not part of any example.
//
// Each page keeps its example in one inert <script type="text/x-example"> so there is a single
// source of truth: this file shows that text under "Code" and then runs it, as a module (the
// default) or as a classic script (data-kind="classic", for the <script>-bundle page).
// `data-requires` lists the library exports the example uses; while one of them is missing
// from the build, the chart area says so instead of failing with an import error.
const example = document.querySelector('script[type="text/x-example"]');

function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

function chartArea() {
  return document.querySelector('[data-chart]') ?? document.querySelector('main');
}

function say(className, parts) {
  const p = document.createElement('p');
  p.className = className;
  p.setAttribute('role', 'status');
  for (const part of parts) {
    if (typeof part === 'string') p.append(part);
    else {
      const code = document.createElement('code');
      code.textContent = part.code;
      p.append(code);
    }
  }
  chartArea().replaceChildren(p);
  document.documentElement.dataset.example = className;
}

async function availableExports(kind) {
  if (kind === 'classic') return globalThis.EntityTimeline ? Object.keys(globalThis.EntityTimeline) : [];
  try {
    return Object.keys(await import('entity-timeline'));
  } catch (error) {
    console.error(error);
    return [];
  }
}

if (example) {
  const source = dedent(example.textContent);
  for (const code of document.querySelectorAll('code[data-example-source]')) code.textContent = source;
  const importMap = document.querySelector('script[type="importmap"]');
  for (const code of document.querySelectorAll('code[data-importmap-source]')) {
    code.textContent = `<script type="importmap">\n${importMap?.textContent.trim() ?? ''}\n</script>`;
  }

  const kind = example.dataset.kind === 'classic' ? 'classic' : 'module';
  const requires = (example.dataset.requires ?? '').split(/\s+/).filter(Boolean);
  const exported = new Set(await availableExports(kind));
  const missing = requires.filter((name) => !exported.has(name));

  if (missing.length > 0) {
    const names = missing.flatMap((name, i) => (i === 0 ? [{ code: name }] : [', ', { code: name }]));
    say('unavailable', ['Not available in this build: this example needs ', ...names, ', which the library does not export yet.']);
  } else {
    window.addEventListener('error', (event) => {
      say('example-error', [`The example failed: ${event.message}`]);
    });
    window.addEventListener('unhandledrejection', (event) => {
      say('example-error', [`The example failed: ${event.reason?.message ?? event.reason}`]);
    });
    const run = document.createElement('script');
    if (kind === 'module') run.type = 'module';
    run.textContent = source;
    document.body.append(run);
    document.documentElement.dataset.example = 'started';
  }
}
