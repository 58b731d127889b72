// The real-input navigation benchmark's probe (scripts/bench/nav-real.sh), added to a copy of
// the site, never to the site itself. The driver moves a real pointer (xdotool on Xvfb), so
// Chromium runs with no DevTools attached and prerenders as it does for a reader; what the
// pages measure comes back as beacons to the copy's own server, which logs them for the driver:
//   - a click on a link: its time;
//   - a page shown (on load, or when a prerendered page is activated): the time of its first
//     frame (the frame's animation callbacks, just before it is painted), of its activation and
//     of its first contentful paint, and where the menu's second link is on the screen.
const now = () => performance.timeOrigin + performance.now();
const say = (what) => navigator.sendBeacon(`/bench-beacon?${new URLSearchParams(what)}`);
addEventListener(
  'click',
  (event) => {
    if (event.target.closest?.('a[href]')) say({ click: performance.timeOrigin + event.timeStamp });
  },
  { capture: true },
);
// The frame: its animation callbacks run just before it is painted.
const report = () =>
  requestAnimationFrame(() => {
    const frame = now();
    setTimeout(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const link = document.querySelectorAll('nav.site-menu a[href]')[1];
      const box = link?.getBoundingClientRect();
      const chrome = outerHeight - innerHeight;
      say({
        page: location.pathname,
        frame,
        activation: nav.activationStart > 0 ? performance.timeOrigin + nav.activationStart : 0,
        fcp: fcp ? performance.timeOrigin + fcp.startTime : 0,
        x: box ? Math.round(box.x + box.width / 2) : -1,
        y: box ? Math.round(box.y + box.height / 2 + chrome) : -1,
      });
    });
  });
if (document.prerendering) document.addEventListener('prerenderingchange', report, { once: true });
else if (document.readyState === 'complete') report();
else addEventListener('load', report, { once: true });
// Back to a page kept whole (the back/forward cache): shown again, without a load.
addEventListener('pageshow', (event) => event.persisted && report());
