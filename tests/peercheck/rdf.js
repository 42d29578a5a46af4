'use strict';
// tests/peercheck/rdf.js — what parse.js and query.js share: reading N-Triples, one comparable
// string per RDF term, and graphs made comparable up to the renaming of blank nodes.
//
// Terms are RDF/JS-shaped objects ({termType, value, language, datatype: {value}}): N3.js,
// Oxigraph and Comunica give those; readNTriples and fromSparqlJson below make them from the
// text serdi, rapper and newsgraph print.

const crypto = require('crypto');

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_LANGSTRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

const named = (value) => ({ termType: 'NamedNode', value });
const blank = (value) => ({ termType: 'BlankNode', value });
const literal = (value, language, datatype) => ({
  termType: 'Literal', value, language: language || '',
  datatype: named(datatype || (language ? RDF_LANGSTRING : XSD + 'string')),
});

// ---------------------------------------------------------------- N-Triples
const ESCAPES = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };
function unescapeNT(s) {
  return s.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([tbnrf"'\\]))/g,
    (_, u4, u8, c) => (c ? ESCAPES[c] : String.fromCodePoint(parseInt(u4 || u8, 16))));
}

const NT_TERM = new RegExp('\\s*(?:' +
  '<((?:[^<>\\\\\\s"{}|^`]|\\\\u[0-9A-Fa-f]{4}|\\\\U[0-9A-Fa-f]{8})*)>' +        // IRI
  '|_:([A-Za-z0-9_][A-Za-z0-9_.-]*)' +                                            // blank node
  '|"((?:[^"\\\\\\n\\r]|\\\\[tbnrf"\'\\\\]|\\\\u[0-9A-Fa-f]{4}|\\\\U[0-9A-Fa-f]{8})*)"' +  // literal
  '(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\\^\\^<([^<>"\\s]*)>)?)', 'y');

// The triples of an N-Triples document, strictly: a line that is not one triple throws, naming
// the line.  This reader belongs to none of the engines whose output it reads.
function readNTriples(text) {
  const triples = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').trim();
    if (!line || line.startsWith('#')) return;
    const terms = [];
    NT_TERM.lastIndex = 0;
    for (let k = 0; k < 3; k++) {
      const m = NT_TERM.exec(line);
      if (!m) throw new Error(`N-Triples line ${i + 1} is not a triple: ${line.slice(0, 160)}`);
      if (m[1] !== undefined) terms.push(named(unescapeNT(m[1])));
      else if (m[2] !== undefined) terms.push(blank(m[2]));
      else terms.push(literal(unescapeNT(m[3]), m[4], m[5] && unescapeNT(m[5])));
    }
    if (!/^\s*\.\s*(#.*)?$/.test(line.slice(NT_TERM.lastIndex)))
      throw new Error(`N-Triples line ${i + 1} does not end with ' .': ${line.slice(0, 160)}`);
    if (terms[0].termType === 'Literal' || terms[1].termType !== 'NamedNode')
      throw new Error(`N-Triples line ${i + 1}: a literal subject or a non-IRI predicate`);
    triples.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
  });
  return triples;
}

// A term of the SPARQL 1.1 Query Results JSON format, as an RDF/JS-shaped term.
function fromSparqlJson(t) {
  if (t.type === 'uri') return named(t.value);
  if (t.type === 'bnode') return blank(t.value);
  return literal(t.value, t['xml:lang'], t.datatype);
}

// ---------------------------------------------------------------- comparable strings
const INTEGER_TYPES = new Set(['integer', 'int', 'long', 'short', 'byte', 'nonNegativeInteger',
  'nonPositiveInteger', 'positiveInteger', 'negativeInteger', 'unsignedLong', 'unsignedInt',
  'unsignedShort', 'unsignedByte'].map((n) => XSD + n));

// The value-level form of a numeric or boolean lexical form, within its datatype: engines may
// store numbers by value ("12.50" comes back as "12.5"), but 4 and 4.0 of different types stay
// apart.  Anything that does not parse is kept as it is.
function canonicalLexical(value, datatype) {
  const v = value.trim();
  if (INTEGER_TYPES.has(datatype) && /^[+-]?\d+$/.test(v)) return BigInt(v).toString();
  if (datatype === XSD + 'decimal' && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) {
    let [int, frac = ''] = v.replace(/^\+/, '').split('.');
    const neg = int.startsWith('-');
    int = int.replace('-', '').replace(/^0+(?=\d)/, '') || '0';
    frac = frac.replace(/0+$/, '');
    const s = frac ? `${int}.${frac}` : int;
    return neg && /[1-9]/.test(s) ? '-' + s : s;
  }
  if ((datatype === XSD + 'double' || datatype === XSD + 'float') && v !== '' && !isNaN(Number(v)))
    return String(Number(Number(v).toPrecision(15)));
  if (datatype === XSD + 'boolean' && (v === '1' || v === '0')) return v === '1' ? 'true' : 'false';
  return value;
}

// One string per term.  Language tags compare without case; "x"^^xsd:string is "x".  With
// byValue, numbers and booleans compare by value (for query results; a parser must keep the
// lexical form as written, so parse.js compares exactly).  Blank nodes keep their label here;
// canonicalGraph and canonicalRows decide what a label is worth.
function termKey(t, byValue) {
  switch (t.termType) {
    case 'NamedNode': return `<${t.value}>`;
    case 'BlankNode': return `_:${t.value}`;
    case 'Literal': {
      const dt = t.datatype ? t.datatype.value : XSD + 'string';
      const lex = byValue ? canonicalLexical(t.value, dt) : t.value;
      if (t.language) return `${JSON.stringify(lex)}@${t.language.toLowerCase()}`;
      return dt === XSD + 'string' ? JSON.stringify(lex) : `${JSON.stringify(lex)}^^<${dt}>`;
    }
    default: throw new Error(`unexpected term type ${t.termType}`);
  }
}

const digest = (s) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 16);

// The triples as sorted lines in which every blank node is named by its colour: colour
// refinement over its outgoing and incoming triples until the partition stops growing, so two
// graphs that differ only in blank node labels give the same lines.  Triples are a set
// (duplicates dropped first).  `ambiguous` counts blank nodes that share a colour with another:
// there equal lines are very likely, not certainly, isomorphic graphs.
function canonicalGraph(triples, byValue) {
  const rows = new Map();
  for (const t of triples) {
    const row = [t.subject, t.predicate, t.object].map((x) => ({ bnode: x.termType === 'BlankNode', key: termKey(x, byValue) }));
    rows.set(row.map((x) => x.key).join(' '), row);
  }
  const distinct = [...rows.values()];
  const bnodes = new Set(distinct.flatMap((r) => r.filter((x) => x.bnode).map((x) => x.key)));
  let colour = new Map([...bnodes].map((b) => [b, '']));
  let classes = bnodes.size ? 1 : 0;
  const name = (x, c) => (x.bnode ? `_:${c.get(x.key)}` : x.key);
  for (let round = 0; round <= bnodes.size; round++) {
    const signature = new Map([...bnodes].map((b) => [b, [colour.get(b)]]));
    for (const [s, p, o] of distinct) {
      if (s.bnode) signature.get(s.key).push(`> ${p.key} ${name(o, colour)}`);
      if (o.bnode) signature.get(o.key).push(`< ${name(s, colour)} ${p.key}`);
    }
    const next = new Map([...signature].map(([b, sig]) => [b, digest(sig.sort().join('\n'))]));
    const count = new Set(next.values()).size;
    colour = next;
    if (count === classes && round > 0) break;
    classes = count;
  }
  const lines = distinct.map(([s, p, o]) => `${name(s, colour)} ${p.key} ${name(o, colour)} .`).sort();
  return { lines, statements: triples.length, ambiguous: bnodes.size - new Set(colour.values()).size };
}

// Rows of a SELECT as sorted strings: each row its bound variables in name order, a blank node
// as "_:" (which one does not matter in a result row); unbound variables are left out.
function canonicalRows(rows, byValue = true) {
  return rows.map((row) => Object.keys(row).sort()
    .map((v) => `?${v}=${row[v].termType === 'BlankNode' ? '_:' : termKey(row[v], byValue)}`).join(' '))
    .sort();
}

// What is in a but not in b, as multisets of strings (both sorted).
function minus(a, b) {
  const left = new Map();
  for (const x of b) left.set(x, (left.get(x) || 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) || 0;
    if (n) left.set(x, n - 1);
    return !n;
  });
}

module.exports = { readNTriples, fromSparqlJson, termKey, canonicalLexical, canonicalGraph, canonicalRows, minus };
