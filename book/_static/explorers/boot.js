// Bring every explorer on the page to life once it is near the screen: each
// [data-explorer="kind"] root is handed to the module ./kind.js, whose mount(root) builds the live
// explorer inside it (the snapshot image stays in the page for readers without JavaScript and for
// print). Loaded as type="module" only on pages that have an explorer
// (book/_ext/explorer_pages.py).

const KIND = /^[a-z][a-z0-9-]*$/;

function fail(root, err) {
  // a reader keeps the snapshot; the reason goes where the page's author can see it
  root.dataset.explorerError = String((err && err.message) || err);
  console.warn(`explorer "${root.dataset.explorer}" could not start:`, err);
}

function start(root) {
  const kind = root.dataset.explorer;
  root.dataset.mounted = 'loading';
  import(`./${kind}.js`)
    .then((module) => {
      module.mount(root);
      root.dataset.mounted = 'true';
    })
    .catch((err) => fail(root, err));
}

// An explorer starts when it comes within a screen of the viewport: its first drawing (a heat
// map, contours) is the heaviest script a chapter runs, and a reader who opens the page reads the
// top first. Until then the snapshot stands in (data-mounted="waiting").
const near = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    near.unobserve(entry.target);
    start(entry.target);
  }
}, { rootMargin: '100% 0px' });

for (const root of document.querySelectorAll('[data-explorer]')) {
  const kind = root.dataset.explorer;
  if (!KIND.test(kind) || root.dataset.mounted) continue;
  root.dataset.mounted = 'waiting';
  near.observe(root);
}
