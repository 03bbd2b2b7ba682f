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

const { kinds, dates } = JSON.parse(document.getElementById('khcn-formats').textContent);

Object.entries(kinds).forEach(([kind, spec]) => {
  CMS.registerCustomFormat(`khcn-${kind}`, 'yml', recordFormat(kind, spec, dates));
});

CMS.init();
