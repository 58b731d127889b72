// The islands' loader. The build (crates/publish/src/rewrite.rs) writes it inline in each page as
// it is, in place of Trunk's loader, so the policy lists its hash; what it needs to know of the
// build comes as data, the JSON block `#cpd-boot` written before it.
//
// The text is HTML and paints first: the small JS glue (checked against Trunk's integrity hash)
// is fetched while the page renders but run only once the text is on screen (the first
// contentful paint; where the browser does not report it, after the first frame), and the wasm
// is fetched then. Each step after that runs in a task of its own, so that none blocks the main
// thread for long: instantiate the wasm, then hydrate each island. A nested island first enters
// its parent's children, as Leptos's own loader does, to find the parent's context. The page is
// then marked ready (`data-app`, the `cpd:interactive` mark) and the service worker registered.
//
// Pages link to each other with plain links (the in-page router only follows `#anchor` links):
// after such a link, focus starts on the new page's title (or on the heading its address names,
// for a search result), as it would after an in-app navigation, so a screen reader reads the
// new page from there. A page the browser prerendered on the reader's intent (the speculation
// rules of its head) runs this while hidden: it hydrates at once, and takes focus when shown.
//
// Search: the bar's button shows once the islands are up (without them, no button that does
// nothing). The dialog's code (a wasm of its own) and the index's entry come when the reader
// goes to search: on hover or focus of the button, a click, `/`, Ctrl+K or ⌘K.
const { glue, integrity, wasm, worker, status: statusId, search } = JSON.parse(
  document.getElementById('cpd-boot').textContent,
);

// A task boundary: the browser may paint and answer input in between.
const nextTask = () =>
  globalThis.scheduler?.yield
    ? scheduler.yield()
    : new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });

const arrival = performance.getEntriesByType('navigation')[0];
if (
  arrival?.type === 'navigate' &&
  document.referrer.startsWith(`${location.origin}/`) &&
  document.referrer.split('#')[0] !== location.href.split('#')[0]
) {
  const arrive = () => {
    const target = location.hash
      ? document.getElementById(decodeURIComponent(location.hash.slice(1)))
      : document.querySelector('h1');
    if (target?.matches('[tabindex]')) target.focus({ preventScroll: true });
  };
  // A page prerendered on the reader's intent is shown later, when the link is followed.
  if (document.prerendering) document.addEventListener('prerenderingchange', arrive, { once: true });
  else arrive();
}

document.head.append(
  Object.assign(document.createElement('link'), {
    rel: 'modulepreload',
    href: glue,
    integrity,
    crossOrigin: 'anonymous',
  }),
);
await new Promise((painted) => {
  const fcp = 'first-contentful-paint';
  // Prerendered, the page is not on screen yet: nothing to wait for.
  if (document.prerendering) {
    painted();
  } else if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    requestAnimationFrame(() => setTimeout(painted));
  } else if (performance.getEntriesByName(fcp).length) {
    painted();
  } else {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName(fcp).length) {
        observer.disconnect();
        painted();
      }
    }).observe({ type: 'paint', buffered: true });
  }
});
const bindings = await import(glue);
await bindings.default({ module_or_path: wasm });
// Trunk's convention: the module's exports, for whoever debugs the page.
window.wasmBindings = bindings;

for (const island of document.querySelectorAll('leptos-island')) {
  await nextTask();
  const name = island.dataset.component;
  const hydrate = bindings[name];
  if (typeof hydrate !== 'function') throw new Error(`island ${name}: not in this wasm`);
  island.parentElement?.closest('leptos-children')?.$$on_hydrate?.();
  hydrate(island);
}

await nextTask();
document.documentElement.setAttribute('data-app', 'ready');
document.getElementById(statusId)?.replaceChildren();
performance.mark('cpd:interactive');

const searchButton = document.getElementById('search-open');
if (search && searchButton) {
  let files = search;
  let loading;
  const link = (rel, href, more) =>
    document.head.append(Object.assign(document.createElement('link'), { rel, href, crossOrigin: 'anonymous', ...more }));
  // The code, its stylesheet (the dialog shows styled or not at all), the index's entry and the
  // dialog's words in the page's language.
  const load = () =>
    (loading ??= (async () => {
      link('modulepreload', files.glue);
      for (const data of [files.index, files.words]) link('preload', data, { as: 'fetch' });
      const style = new Promise((onload, onerror) => link('stylesheet', files.style, { onload, onerror }));
      const module = await import(files.glue);
      await Promise.all([module.default({ module_or_path: files.wasm }), style]);
      return module;
    })());
  // A new deploy under the open page removes the files it names: this page as the host serves
  // it now names the new deploy's. Read once, and only when a file is missing.
  let served;
  const current = () =>
    (served ??= fetch(location.pathname, { cache: 'no-cache' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${location.pathname}: ${r.status}`))))
      .then((html) => {
        const boot = new DOMParser().parseFromString(html, 'text/html').getElementById('cpd-boot');
        return JSON.parse(boot.textContent).search;
      }));
  const said = document.getElementById(statusId);
  const open = (again = true) =>
    load()
      .then((module) => module.open(files.index, files.words, () => current().then((now) => now.index)))
      .catch(async () => {
        loading = undefined;
        // The dialog's code or words are gone: the current deploy's, once, without a word.
        const now = again ? await current().catch(() => undefined) : undefined;
        if (now && (now.glue !== files.glue || now.words !== files.words)) {
          files = now;
          return open(false);
        }
        // The dialog is the search code's own: the page says, in its language, what is missing.
        if (said) said.textContent = searchButton.dataset.unavailable;
      });
  for (const intent of ['pointerenter', 'focus']) searchButton.addEventListener(intent, load, { once: true });
  searchButton.addEventListener('click', () => open());
  addEventListener('keydown', (event) => {
    const typing = event.target.closest?.('input, textarea, select, [contenteditable]');
    const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (slash || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k')) {
      event.preventDefault();
      open();
    }
  });
}
// Offline reading: a refusal (private browsing, storage turned off…) is not the reader's problem.
if (worker && 'serviceWorker' in navigator) navigator.serviceWorker.register(worker).catch(() => {});
