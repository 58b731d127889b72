// Chef de Projet Digital: the service worker. The build (crates/publish/src/offline.rs) writes it
// into dist/ as sw.js, after one line of data: `self.deploy`, the deploy it serves.
//
// One cache per deploy, named after a hash of every precached file: a deploy changes this file,
// so the browser installs the new worker on the next page load.
// - install: fetch this deploy's files into the cache, all or nothing. A page that does not load
//   this deploy's wasm means the host is half-way through another deploy: the install fails and
//   the browser tries again on a later load.
// - pages, the manifest, icons (files that keep their name): network first, so
//   an online load always gets the current deploy; this version's copy when the network fails.
//   Pages are precached up to a byte budget; a page past it is cached when visited, only if it
//   names this deploy's wasm, so the cache stays one deploy.
// - content-hashed files: from the cache, else the network. A name never changes its bytes.
// - skipWaiting + clients.claim: the new worker takes over at once. That cannot mix deploys:
//   a page only ever asks for the hashed files it names, which no worker can answer with other
//   bytes, and offline a page comes from the same cache as its assets. A page already open keeps
//   the wasm it runs; its next load is the new deploy.
'use strict';

const { version: VERSION, base: BASE, wasm: WASM, pages: PAGES, fresh: FRESH, hashed: HASHED } =
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
    const page = path.replace(/\/index\.html$/, '/');
    event.respondWith(networkFirst(event, [page, `${page}.html`, `${BASE}404.html`], page));
  } else if (FRESH.includes(path)) {
    event.respondWith(networkFirst(event, [path]));
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

// A page the precache left out (past its byte budget) is kept once visited, if it is a page
// of this deploy.
async function keep(path, response) {
  const text = await response.text();
  if (!text.includes(WASM)) return;
  const { status, statusText, headers } = response;
  const cache = await caches.open(CACHE);
  await cache.put(path, new Response(text, { status, statusText, headers }));
}

function cached(path) {
  return caches.match(path, { cacheName: CACHE });
}

async function networkFirst(event, fallbacks, visited) {
  try {
    const response = (await event.preloadResponse) || (await fetch(event.request));
    if (visited && response.ok && !FRESH.includes(visited)) event.waitUntil(keep(visited, response.clone()));
    return response;
  } catch (error) {
    for (const path of fallbacks) {
      const hit = await cached(path);
      if (hit) return hit;
    }
    throw error;
  }
}
