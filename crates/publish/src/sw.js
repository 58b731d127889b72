// The service worker: sw.js is this file after one line of data, `self.deploy` (the build
// writes it: crates/publish/src/offline.rs, whose comments give the strategy).
// One cache per deploy, all or nothing at install; pages and other named files network first;
// content-hashed files from the cache (search files past the precache's budget kept once read);
// skipWaiting + clients.claim, which cannot mix deploys: a page only asks for the hashed files it
// names, and for the search's entry (network first, as pages), which names its own deploy's.
'use strict';

const { version: VERSION, base: BASE, wasm: WASM, pages: PAGES, fresh: FRESH, hashed: HASHED, search: SEARCH } =
  self.deploy;
const CACHE = `cpd:${BASE}:${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(`cpd:${BASE}:`) && name !== CACHE) await caches.delete(name);
    }
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
  const path = url.pathname;
  if (HASHED.includes(path)) {
    event.respondWith(cached(path).then((hit) => hit || fetch(request)));
  } else if (request.mode === 'navigate') {
    // The address the deploy lists a page under, whichever form was asked: `/a` for `/a.html`,
    // `/a/` for `/a/index.html` (crates/content's `page_url`).
    const page = path.replace(/\/index\.html$/, '/').replace(/\.html$/, '');
    event.respondWith(networkFirst(event, [page, `${BASE}404`], page));
  } else if (FRESH.includes(path)) {
    event.respondWith(networkFirst(event, [path]));
  } else if (path.startsWith(SEARCH)) {
    event.respondWith(cacheOnUse(request, path));
  }
});

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all([...FRESH, ...HASHED].map(async (path) => {
    const response = await fetch(path, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    if (PAGES.includes(path) && !(await response.clone().text()).includes(WASM)) {
      throw new Error(`${path}: a page of another deploy`);
    }
    // A redirected response may not answer a navigation: keep its body and headers only.
    const { status, statusText, headers } = response;
    await cache.put(path, response.redirected ? new Response(response.body, { status, statusText, headers }) : response);
  }));
}

// A page just visited: of another deploy, it means a new one is out, and the worker checks for
// its own successor now rather than at the browser's next check; of this deploy and left out of
// the precache (past its byte budget), it is kept.
async function visited(path, response) {
  const text = await response.text();
  if (!text.includes(WASM)) {
    await self.registration.update();
    return;
  }
  if (FRESH.includes(path)) return;
  const { status, statusText, headers } = response;
  const cache = await caches.open(CACHE);
  await cache.put(path, new Response(text, { status, statusText, headers }));
}

// A search file past the precache's budget: kept once a search reads it.
async function cacheOnUse(request, path) {
  const hit = await cached(path);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(path, response.clone());
  return response;
}

function cached(path) {
  return caches.match(path, { cacheName: CACHE });
}

async function networkFirst(event, fallbacks, page) {
  try {
    const response = (await event.preloadResponse) || (await fetch(event.request));
    if (page && response.ok) event.waitUntil(visited(page, response.clone()));
    return response;
  } catch (error) {
    for (const path of fallbacks) {
      const hit = await cached(path);
      if (hit) return hit;
    }
    throw error;
  }
}
