// Reading and writing the records in the browser the way the site's strict reader reads them
// (macros/records/yamlio.py), registered with Sveltia CMS as one file format per kind of record.
//
// Writing: YAML 1.1 rules decide what must be quoted, as PyYAML would read it: "yes", "02",
// "1:30", "0b1", "2024" are written in quotes; ids made of digits and dashes ("2023-04") are
// quoted as `python -m macros new` writes them; dates are plain (2024-01-01); no anchors.
// Editing: the file as it was is parsed and only what the form changed is replaced in it, so
// comments, key order, quoting and flow mappings ({value: 2000, status: lower_bound}) stay. An
// edit that only changes values rewrites those values' text and nothing else; one that adds or
// removes a field re-writes the file in the YAML library's layout (one space before a comment).
// A figure stays a bare number unless it carries a status, a note or a source of its own.
// A value of any kind typed in a text box (an erratum's values) is written as what it means: 11442.
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar } from './yaml/index.js';

const YAML_OPTIONS = { version: '1.1', aliasDuplicateObjects: false };
const OUTPUT_OPTIONS = { lineWidth: 0, flowCollectionPadding: false, indentSeq: true };
const ID_LIKE = /^[0-9][0-9-]*$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const FIGURE_KEYS = ['value', 'status', 'note', 'source'];

/**
 * The files as they were read, by kind and record id: what an edit is applied to.
 * @type {Map<string, string>}
 */
const originals = new Map();

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value)
  && !(value instanceof Date);

const isEmpty = (value) => value === undefined || value === null || value === ''
  || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);

const deepEqual = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** 2024-01-01 as the forms hold it, from the Date a YAML 1.1 timestamp is read as. */
const dateText = (date) => date.toISOString().slice(0, 10);

/** A value as the forms hold it: dates as text, recursively. */
const forForm = (value) => {
  if (value instanceof Date) return dateText(value);
  if (Array.isArray(value)) return value.map(forForm);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forForm(v)]));
  return value;
};

// A value of any kind (an erratum's published_value, corrected_value) is typed in a text box:
// the file holds what the text means, as someone writing YAML by hand would write it: 11442 and
// 2.5 as numbers, true/false as such, anything else as text ("02" stays text).
const NUMBER_TEXT = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** The value a text typed in a value box means: a number, true/false, or the text itself. */
const typedValue = (text) => {
  if (typeof text !== 'string') return text;
  const trimmed = text.trim();
  if (NUMBER_TEXT.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return text;
};

/** A number or true/false in a value box, as the text box shows it (2.5, true). */
const valueText = (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);

/** The fields named `names` anywhere in `value`, converted by `convert`. */
const convertFields = (value, names, convert) => {
  if (Array.isArray(value)) return value.map((item) => convertFields(item, names, convert));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key,
    names.has(key) ? convert(item) : convertFields(item, names, convert)]));
};

/** A figure in its fullest form: {value, status, note, source}, `exact` left out. */
const fullFigure = (figure) => {
  const full = isPlainObject(figure) ? { ...figure } : { value: figure };
  if (full.status === 'exact') delete full.status;
  return Object.fromEntries(Object.entries(full).filter(([, v]) => !isEmpty(v)));
};

/** A figure in the shortest form the schema allows: a bare value when it has nothing else. */
const shortFigure = (figure) => {
  const full = fullFigure(figure);
  const keys = Object.keys(full);
  if (keys.length === 1 && keys[0] === 'value') return full.value;
  return Object.fromEntries(FIGURE_KEYS.filter((k) => k in full).map((k) => [k, full[k]]));
};

/**
 * Empty values dropped (a form leaves '' and null in unfilled fields). A required mapping or
 * list is kept even when empty (`figures: {}`); a required text left empty in a draft is left
 * out, so that the checks say it is missing.
 */
const withoutEmpty = (value, required = []) => {
  if (Array.isArray(value)) return value.map((item) => withoutEmpty(item));
  if (!isPlainObject(value)) return value;
  const kept = {};
  Object.entries(value).forEach(([key, item]) => {
    const cleaned = withoutEmpty(item);
    const container = Array.isArray(cleaned) || isPlainObject(cleaned);
    if (!isEmpty(cleaned) || (container && required.includes(key))) kept[key] = cleaned;
  });
  return kept;
};

/** A field the form left at its schema default (a checkbox, a choice) is not added to a file. */
const withoutDefaults = (spec, data, before) => Object.fromEntries(Object.entries(data)
  .filter(([key, value]) => key in before || !(key in (spec.defaults ?? {})) || spec.defaults[key] !== value));

/** The identity of a record (its file name, with its folder for a report). */
const identityOf = (kind, spec, content) => `${kind}:${spec.identity.map((k) => content?.[k]).join('/')}`;

/**
 * The record as the site reads it, from what the form holds.
 * @param {object} spec The kind's description (macros/editors/cms.py, record_formats).
 * @param {object} content The form's content.
 * @returns {object} Plain data: figures in their shortest form, empty fields dropped.
 */
const recordData = (spec, content, values = new Set()) => {
  const data = convertFields(withoutEmpty(content, spec.required), values, typedValue);
  if (spec.figures && isPlainObject(data.figures)) {
    data.figures = Object.fromEntries(Object.entries(data.figures)
      .map(([id, figure]) => [id, shortFigure(figure)])
      .filter(([, figure]) => !isEmpty(figure)));
  }
  return data;
};

/** A YAML node for a value: dates plain, ids quoted, figures' mappings on one line. */
const makeNode = (doc, value, dateKey = false, flow = false) => {
  if (dateKey && typeof value === 'string') {
    const match = DATE.exec(value);
    if (match) return doc.createNode(new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])));
  }
  if (typeof value === 'string' && ID_LIKE.test(value)) {
    const scalar = new Scalar(value);
    scalar.type = Scalar.QUOTE_DOUBLE;
    return scalar;
  }
  const node = doc.createNode(value, { aliasDuplicateObjects: false });
  if (flow && isMap(node)) node.flow = true;
  quoteIds(node);
  return node;
};

/** Quote the ids inside a new mapping or list ("2023-04" stays text for every YAML reader). */
const quoteIds = (node) => {
  if (isMap(node)) node.items.forEach((pair) => quoteIds(pair.value));
  else if (isSeq(node)) node.items.forEach(quoteIds);
  else if (isScalar(node) && typeof node.value === 'string' && ID_LIKE.test(node.value)) {
    node.type = Scalar.QUOTE_DOUBLE;
  }
};

/** Dates written as the reader expects them (plain 2024-01-01), anywhere in a new node. */
const dateNodes = (doc, node, dates) => {
  if (isMap(node)) {
    node.items.forEach((pair) => {
      const key = String(pair.key?.value ?? pair.key);
      if (dates.has(key) && isScalar(pair.value)) pair.value = makeNode(doc, pair.value.value, true);
      else dateNodes(doc, pair.value, dates);
    });
  } else if (isSeq(node)) node.items.forEach((item) => dateNodes(doc, item, dates));
};

class Patcher {
  constructor(doc, dates) {
    this.doc = doc;
    this.dates = dates;
  }

  /** A new node for `value` at `key`: dates plain, ids quoted, figures on one line. */
  node(key, value, flow = false) {
    const node = makeNode(this.doc, value, this.dates.has(key), flow);
    dateNodes(this.doc, node, this.dates);
    if (key === 'figures' && isMap(node)) {
      node.items.forEach((pair) => {
        if (isMap(pair.value)) pair.value.flow = true;
      });
    }
    return node;
  }

  /** Make the mapping `map` (read from the file as `before`) hold `after`, changing only what differs. */
  map(map, before, after, figures = false) {
    Object.keys(before).filter((key) => !(key in after)).forEach((key) => map.delete(key));
    const order = Object.keys(after);
    order.forEach((key, index) => {
      if (!(key in before)) {
        this.insert(map, key, this.node(key, after[key], figures), order.slice(index + 1));
      } else if (figures) {
        this.figure(map, key, before[key], after[key]);
      } else if (!deepEqual(before[key], after[key])) {
        this.replace(map, key, before[key], after[key]);
      }
    });
  }

  /** A figure: unchanged if it means the same ({value: 5} is 5); else its parts are replaced. */
  figure(map, key, before, after) {
    if (deepEqual(fullFigure(before), fullFigure(after))) return;
    const node = map.get(key, true);
    if (isMap(node) && isPlainObject(after)) {
      this.map(node, isPlainObject(before) ? before : { value: before }, after);
    } else if (isScalar(node) && !isPlainObject(after)) {
      node.value = after; // a bare number stays one, with its comment
    } else {
      map.set(this.doc.createNode(key), this.node(key, after, true));
    }
  }

  /** One value changed: a scalar keeps its comment, a mapping or list is patched in place. */
  replace(map, key, before, after) {
    const node = map.get(key, true);
    if (isScalar(node) && !isPlainObject(after) && !Array.isArray(after)) {
      const fresh = this.node(key, after);
      node.value = fresh.value;
      node.type = isScalar(fresh) && fresh.type ? fresh.type : undefined;
    } else if (isMap(node) && isPlainObject(before) && isPlainObject(after)) {
      this.map(node, before, after, key === 'figures');
    } else if (isSeq(node) && Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
      after.forEach((item, i) => {
        if (deepEqual(before[i], item)) return;
        const child = node.get(i, true);
        if (isMap(child) && isPlainObject(before[i]) && isPlainObject(item)) this.map(child, before[i], item);
        else node.set(i, this.node(key, item));
      });
    } else {
      map.set(this.doc.createNode(key), this.node(key, after));
    }
  }

  /** A new key goes before the first key that follows it in the form, else at the end. */
  insert(map, key, node, following) {
    const pair = this.doc.createPair(key, null);
    pair.value = node;
    const at = map.items.findIndex((item) => following.includes(String(item.key?.value ?? item.key)));
    if (at === -1) map.items.push(pair);
    else map.items.splice(at, 0, pair);
  }
}

/**
 * The file with only its changed scalars rewritten, byte for byte elsewhere, or null when the
 * edit adds, removes or reshapes something (then the document is patched and re-written).
 */
const spliceScalars = (text, doc, before, after, dates) => {
  const changes = [];
  if (!collectScalarChanges(doc.contents, before, after, '', false, changes)) return null;
  let out = text;
  for (const { node, key, value, inFlow } of changes.sort((a, b) => b.node.range[0] - a.node.range[0])) {
    const piece = new Document(null, YAML_OPTIONS);
    piece.contents = makeNode(piece, value, dates.has(key));
    const rendered = piece.toString(OUTPUT_OPTIONS).trimEnd();
    const quoted = /^["']/.test(rendered);
    if (rendered.includes('\n') || (inFlow && !quoted && /[,[\]{}#]/.test(rendered))) return null;
    out = out.slice(0, node.range[0]) + rendered + out.slice(node.range[1]);
  }
  return out;
};

/** The scalars an edit changes, if it changes nothing but scalars; false otherwise. */
const collectScalarChanges = (node, before, after, key, inFlow, changes, figures = false) => {
  if (deepEqual(before, after) || (figures && deepEqual(fullFigure(before), fullFigure(after)))) return true;
  const flow = inFlow || Boolean(node?.flow);
  if (isPlainObject(before) && isPlainObject(after) && isMap(node)) {
    const keys = Object.keys(after);
    if (keys.length !== Object.keys(before).length || !keys.every((k) => k in before)) return false;
    return keys.every((k) => collectScalarChanges(node.get(k, true), before[k], after[k], k, flow, changes,
      key === 'figures'));
  }
  if (Array.isArray(before) && Array.isArray(after) && isSeq(node) && before.length === after.length) {
    return after.every((item, i) => collectScalarChanges(node.get(i, true), before[i], item, key, flow, changes));
  }
  const scalarType = isScalar(node) && !isPlainObject(after) && !Array.isArray(after) && !isPlainObject(before);
  if (!scalarType || node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) return false;
  changes.push({ node, key, value: after, inFlow: flow });
  return true;
};

/**
 * Sveltia CMS's file format for one kind of record.
 * @param {string} kind Kind of record (schema.KINDS).
 * @param {object} spec What cms.py says of it: identity fields, required fields, figures.
 * @param {string[]} dateFields Field names that hold dates (from the schema).
 * @param {string[]} valueFields Field names that hold a value of any kind, typed as text in the form.
 * @returns {{ fromFile: (text: string) => object, toFile: (content: object) => string }} Format.
 */
export const recordFormat = (kind, spec, dateFields, valueFields = []) => {
  const dates = new Set(dateFields);
  const values = new Set(valueFields);
  return {
    fromFile(text) {
      const data = convertFields(forForm(parseDocument(text, YAML_OPTIONS).toJS() ?? {}), values, valueText);
      originals.set(identityOf(kind, spec, data), text);
      if (spec.figures && isPlainObject(data.figures)) {
        // The form has one object per indicator: a bare number is its value.
        data.figures = Object.fromEntries(Object.entries(data.figures)
          .map(([id, figure]) => [id, isPlainObject(figure) ? figure : { value: figure }]));
      }
      return data;
    },
    toFile(content) {
      const data = recordData(spec, forForm(content), values);
      const original = originals.get(identityOf(kind, spec, data));
      if (original === undefined) {
        const doc = new Document(null, YAML_OPTIONS);
        doc.contents = doc.createNode({}, { aliasDuplicateObjects: false });
        new Patcher(doc, dates).map(doc.contents, {}, withoutDefaults(spec, data, {}));
        return doc.toString(OUTPUT_OPTIONS);
      }
      const doc = parseDocument(original, YAML_OPTIONS);
      const before = forForm(doc.toJS() ?? {});
      const after = withoutDefaults(spec, data, before);
      if (deepEqual(recordData(spec, before, values), after)) return original; // saved unchanged: byte for byte
      const spliced = spliceScalars(original, doc, before, after, dates);
      if (spliced !== null) return spliced;
      new Patcher(doc, dates).map(doc.contents, before, after);
      return doc.toString(OUTPUT_OPTIONS);
    },
  };
};
