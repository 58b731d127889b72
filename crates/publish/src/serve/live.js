// The development server's part of every page it serves (never in a build): the page reloads
// when the site has been rebuilt, and a build that failed shows over it, naming file and line,
// until the next good build clears it. The page underneath stays the last good one.
const events = new EventSource('/_cpd/events');
const french = document.documentElement.lang.toLowerCase().startsWith('fr');
const heading = french ? 'Le site ne se construit plus' : 'The site no longer builds';
const kept = french
  ? 'La page affichée est celle de la dernière construction réussie.'
  : 'The page shown is the last good build’s.';

let overlay;
const show = (message) => {
  if (!overlay) {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = '/_cpd/live.css';
    document.head.append(style);
    overlay = document.createElement('div');
    overlay.className = 'cpd-build-error';
    overlay.setAttribute('role', 'alert');
    const title = document.createElement('h2');
    title.textContent = heading;
    const text = document.createElement('pre');
    const note = document.createElement('p');
    note.textContent = kept;
    overlay.append(title, text, note);
  }
  overlay.querySelector('pre').textContent = message;
  if (!overlay.isConnected) document.body.append(overlay);
};

events.addEventListener('reload', () => location.reload());
events.addEventListener('failed', (event) => show(event.data));
events.addEventListener('ok', () => overlay?.remove());
