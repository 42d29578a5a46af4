'use strict';
// tests/peercheck/query.js — every query runs in newsgraph (Rasqal through Redland, `newsgraph
// query -d GRAPH`), in Oxigraph and in Comunica, and the three answers must be the same.
// Oxigraph loads each data file with its own Turtle parser; Comunica queries an N3.js store
// filled by N3.js's parser; newsgraph loads the graph and its ontology itself.
//
// usage: node query.js [--peer-data FILE.ttl] NEWSGRAPH GRAPH.ttl VOCABULARY.ttl... -- QUERY.rq...
//   The peers load GRAPH.ttl and the vocabulary files (what `newsgraph query -d GRAPH.ttl`
//   loads beside it).  --peer-data gives the peers FILE.ttl instead of GRAPH.ttl: a graph
//   damaged on purpose, to show that a wrong answer is caught (run.sh does it once).
//
// How answers are compared: SELECT rows as multisets (row order is not compared: ORDER BY ties
// may be broken differently, and tests/queries/check.sh checks newsgraph's order), each row its
// bound variables; numbers and booleans by value within their datatype (Oxigraph stores
// "12.50" as 12.5); language tags without case; "x"^^xsd:string as "x"; a blank node in a row
// as "_:".  ASK by its boolean.  CONSTRUCT and DESCRIBE as graphs, blank nodes renamed by colour
// (rdf.js).  The query form is the one Comunica finds; Oxigraph's answer must be of the same form.
// Prints AGREE or DISAGREE (with the differing rows) per query; exits 1 on any disagreement or
// error, 2 on misuse.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');
const N3 = require('n3');
const oxigraph = require('oxigraph');
require('./node18.js');
const { QueryEngine } = require('@comunica/query-sparql');
const { readNTriples, fromSparqlJson, canonicalGraph, canonicalRows, minus } = require('./rdf.js');

// One answer, comparable: {form, lines} where lines are sorted strings.
const asGraph = (form, quads) => ({ form, lines: canonicalGraph(quads, true).lines });
const asRows = (rows) => ({ form: 'SELECT', lines: canonicalRows(rows) });
const asBoolean = (b) => ({ form: 'ASK', lines: [String(b)] });

function runNewsgraph(bin, graph, queryFile, form) {
  const graphForm = form === 'CONSTRUCT' || form === 'DESCRIBE';
  const out = execFileSync(bin, ['query', queryFile, '-d', graph, '-r', graphForm ? 'ntriples' : 'json'],
    { maxBuffer: 1 << 28, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (graphForm) return asGraph(form, readNTriples(out));
  const json = JSON.parse(out);
  if (form === 'ASK') return asBoolean(json.boolean);
  return asRows(json.results.bindings.map((b) => Object.fromEntries(
    Object.entries(b).map(([v, t]) => [v, fromSparqlJson(t)]))));
}

function oxigraphStore(files) {
  const store = new oxigraph.Store();
  for (const f of files)
    store.load(fs.readFileSync(f, 'utf8'), { format: 'text/turtle', base_iri: pathToFileURL(path.resolve(f)).href });
  return store;
}

// Oxigraph's answer.  An empty list is either no rows or an empty graph: `form`, Comunica's
// reading of the query, decides.
function runOxigraph(store, text, form) {
  const r = store.query(text);
  if (typeof r === 'boolean') return asBoolean(r);
  if (r.length ? r[0] instanceof Map : form === 'SELECT') return asRows(r.map((m) => Object.fromEntries(m)));
  return asGraph('CONSTRUCT', r);
}

function n3Store(files) {
  const store = new N3.Store();
  for (const f of files)
    store.addQuads(new N3.Parser({ format: 'text/turtle', baseIRI: pathToFileURL(path.resolve(f)).href })
      .parse(fs.readFileSync(f, 'utf8')));
  return store;
}

async function runComunica(engine, store, text) {
  const result = await engine.query(text, { sources: [store] });
  const value = await result.execute();
  if (result.resultType === 'boolean') return asBoolean(value);
  const items = await value.toArray();
  if (result.resultType === 'quads') return asGraph('CONSTRUCT', items);
  return asRows(items.map((b) => Object.fromEntries([...b].map(([v, t]) => [v.value, t]))));
}

async function main(argv) {
  let peerData = null;
  if (argv[0] === '--peer-data') {
    peerData = argv[1];
    argv = argv.slice(2);
  }
  const cut = argv.indexOf('--');
  const [bin, graph, ...vocabularies] = cut < 0 ? [] : argv.slice(0, cut);
  const queries = cut < 0 ? [] : argv.slice(cut + 1);
  if (!bin || !graph || !queries.length) {
    console.error('usage: node query.js [--peer-data FILE.ttl] NEWSGRAPH GRAPH.ttl VOCABULARY.ttl... -- QUERY.rq...');
    return 2;
  }
  const data = [peerData || graph, ...vocabularies];
  const oxStore = oxigraphStore(data);
  const n3 = n3Store(data);
  const engine = new QueryEngine();
  let bad = 0;
  for (const q of queries) {
    const text = fs.readFileSync(q, 'utf8');
    const name = path.basename(q);
    const answers = [];
    let stage = 'comunica';
    try {
      const co = await runComunica(engine, n3, text);
      stage = 'oxigraph';
      answers.push(['oxigraph', runOxigraph(oxStore, text, co.form)]);
      answers.push(['comunica', co]);
      stage = 'newsgraph';
      answers.push(['newsgraph', runNewsgraph(bin, graph, q, co.form)]);
    } catch (e) {
      console.log(`ERROR     ${name}: ${stage}: ${String(e.stderr || e.message).trim().split('\n')[0].slice(0, 300)}`);
      bad++;
      continue;
    }
    const [, ref] = answers[0];
    const differ = answers.slice(1).filter(([, a]) => a.form !== ref.form ||
      minus(a.lines, ref.lines).length || minus(ref.lines, a.lines).length);
    if (!differ.length) {
      console.log(`AGREE     ${name}  (${ref.form}, ${ref.lines.length} ${ref.form === 'SELECT' ? 'rows' : ref.form === 'ASK' ? 'answer' : 'triples'}; newsgraph = oxigraph = comunica)`);
      continue;
    }
    bad++;
    console.log(`DISAGREE  ${name}`);
    for (const [engineName, a] of differ) {
      if (a.form !== ref.form) console.log(`   ${engineName} answers a ${a.form}, oxigraph a ${ref.form}`);
      for (const l of minus(a.lines, ref.lines).slice(0, 5)) console.log(`   + ${l.slice(0, 300)}   (${engineName}, not oxigraph)`);
      for (const l of minus(ref.lines, a.lines).slice(0, 5)) console.log(`   - ${l.slice(0, 300)}   (oxigraph, not ${engineName})`);
    }
  }
  console.log(`query: ${queries.length - bad} of ${queries.length} queries agree in newsgraph, Oxigraph and Comunica`);
  return bad ? 1 : 0;
}

main(process.argv.slice(2)).then((rc) => process.exit(rc), (e) => {
  console.error(`query.js: ${e.stack || e}`);
  process.exit(1);
});
