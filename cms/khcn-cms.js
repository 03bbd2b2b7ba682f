// The web editor at /bien-tap/: Sveltia CMS with our records' file formats (cms/khcn-yaml.js).
// The page (macros/editors/cms.py) says, in #khcn-formats, how each kind of record is named
// and which of its fields hold dates; config.yml, next to the page, has the collections.
import CMS from './sveltia/npm/index.js';
import { recordFormat } from './khcn-yaml.js';

const PREFS_KEY = 'sveltia-cms.prefs';

// The interface speaks Vietnamese unless the editor picked another language in its settings.
try {
  if (!localStorage.getItem(PREFS_KEY)) localStorage.setItem(PREFS_KEY, JSON.stringify({ locale: 'vi' }));
} catch {
  // Storage refused (private mode, cookies blocked): the browser's language decides.
}

// Accessibility repairs of what Sveltia CMS renders (axe checks the page in tests/browser):
// - its own viewport tag forbids zooming (maximum-scale=1): zooming is allowed again;
// - its sign-in screen and the line under it, its top toolbar and its entry editor sit outside
//   any landmark: they become the main region and the footer, the page's banner and, while an
//   entry is open, its main region, whose title is the page's heading;
// - the labelled group that holds each view ("Thư viện nội dung") is outside any landmark: a view
//   with landmarks of its own (side panel, list) keeps them and loses the group's label, which
//   would read as content outside them; another view (the workflow board) becomes the main region,
//   headed by its label at level one (the board has no heading of its own);
// - an empty column of the workflow board is a list holding only the words "no entry": they
//   become its one item.
const HEADING_ONE = 'h1, [role="heading"][aria-level="1"]';

// A level-one heading that screen readers announce and the eye does not see (the view's tab,
// highlighted in the side bar, already names it on screen).
const hiddenHeading = (text) => {
  const heading = document.createElement('h1');
  heading.textContent = text;
  heading.dataset.khcnHeading = '';
  Object.assign(heading.style, {
    position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: '0',
    overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: '0',
  });
  return heading;
};

const repair = () => {
  document.querySelectorAll('meta[name="viewport"]').forEach((meta) => {
    const content = meta.content.replace(/,\s*(maximum-scale|user-scalable)=[^,]*/g, '');
    if (content !== meta.content) meta.content = content;
  });
  document.querySelectorAll('.container[role="none"]').forEach((screen) => {
    if (screen.querySelector(':scope > .inner > h1')) screen.setAttribute('role', 'main');
  });
  document.querySelectorAll('.powered-by:not([role="contentinfo"])').forEach((line) => {
    if (!line.closest('[role="main"]')) line.setAttribute('role', 'contentinfo');
  });
  document.querySelectorAll('.toolbar-wrapper:not([role="banner"])').forEach((bar) => {
    if (!bar.closest('.page-root')) bar.setAttribute('role', 'banner');
  });
  document.querySelectorAll('.content-editor[role="group"]').forEach((editor) => {
    editor.setAttribute('role', 'main');
    const title = editor.querySelector('[role="toolbar"] h2[role="none"]');
    title?.setAttribute('role', 'heading');
    title?.setAttribute('aria-level', '1');
  });
  document.querySelectorAll('.page-root > [role="group"], .page-root > [data-khcn-view]').forEach((view) => {
    view.dataset.khcnView ??= view.getAttribute('aria-label') ?? '';
    const inner = view.querySelector('main, [role="main"]');
    const [role, label] = inner ? ['group', null] : ['main', view.dataset.khcnView];
    if (view.getAttribute('role') !== role) view.setAttribute('role', role);
    if (label && view.getAttribute('aria-label') !== label) view.setAttribute('aria-label', label);
    if (!label && view.hasAttribute('aria-label')) view.removeAttribute('aria-label');
    const own = view.querySelector(':scope > [data-khcn-heading]');
    if (label && !view.querySelector(HEADING_ONE)) view.prepend(hiddenHeading(label));
    if (!label && own) own.remove();
  });
  document.querySelectorAll('[role="list"] > .empty-state[role="none"]').forEach((empty) => {
    empty.setAttribute('role', 'listitem');
  });
};

new MutationObserver(repair).observe(document.documentElement, {
  childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'aria-label', 'content'],
});

const { kinds, dates, values } = JSON.parse(document.getElementById('khcn-formats').textContent);

Object.entries(kinds).forEach(([kind, spec]) => {
  CMS.registerCustomFormat(`khcn-${kind}`, 'yml', recordFormat(kind, spec, dates, values));
});

CMS.init();
