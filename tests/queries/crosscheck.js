'use strict';
// tests/queries/crosscheck.js — newsgraph's answers against Oxigraph's.  peercheck runs roqet, but
// newsgraph runs Rasqal through Redland's triple source, and that pairing has bugs of its own
// (COUNT(DISTINCT ...) counts duplicates there); so each query also runs in newsgraph
// (`query -d GRAPH -r json`, or `-r ntriples` for graphs) and its results are compared with
// Oxigraph's, normalised by peercheck's own code (multisets of rows, numeric lexical forms).
//
// usage: node crosscheck.js PEERCHECK_DIR NEWSGRAPH DATA.ttl GRAPH.ttl QUERY.rq...
//   DATA.ttl is what Oxigraph loads (the graph with the vocabularies); newsgraph loads GRAPH.ttl
//   and the vocabularies itself.
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');

const [pc, bin, data, graph, ...queries] = process.argv.slice(2);
if (!queries.length) {
  console.error('usage: node crosscheck.js PEERCHECK_DIR NEWSGRAPH DATA.ttl GRAPH.ttl QUERY.rq...');
  process.exit(2);
}
const lib = (m) => require(path.join(path.resolve(pc), 'lib', m));
const norm = lib('normalize.js');
const { parseSparqlJson } = lib('sparql-results.js');
const nt = lib('ntriples.js');
const { inspectQuery } = lib('query-form.js');

async function summary(res, form) {
  if (form === 'ASK') return [String(res.boolean)];
  if (form === 'CONSTRUCT' || form === 'DESCRIBE') {
    const quads = norm.dedupe(norm.normalizeQuads(res.quads, {}));
    return norm.canonicalLines(quads, {});
  }
  return norm.canonicalBindings(res, {}).sortedKeys;
}

function decode(format, body, form) {
  if (format === 'ntriples') return { quads: nt.parseNTriples(body) };
  const r = parseSparqlJson(body);
  return form === 'ASK' ? { boolean: r.value } : r;
}

async function main() {
  let failed = 0;
  for (const q of queries) {
    const form = inspectQuery(fs.readFileSync(q, 'utf8')).form;
    const graphForm = form === 'CONSTRUCT' || form === 'DESCRIBE';
    let ours, theirs;
    try {
      const out = execFileSync(bin, ['query', q, '-d', graph, '-r', graphForm ? 'ntriples' : 'json'],
                               { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
      ours = await summary(decode(graphForm ? 'ntriples' : 'json', out, form), form);
      const qabs = path.resolve(q);
      const w = JSON.parse(execFileSync(process.execPath,
        [path.join(path.resolve(pc), 'lib', 'worker.js'), 'query', 'oxigraph', data,
         pathToFileURL(path.resolve(data)).href, qabs, pathToFileURL(qabs).href, form],
        { maxBuffer: 1 << 28 }).toString('utf8'));
      if (!w.ok) throw new Error(`oxigraph: ${w.error}`);
      theirs = await summary(decode(w.format, w.body, form), form);
    } catch (e) {
      console.log(`   ERROR  ${path.basename(q)}: ${String(e.stderr || e.message).trim().split('\n')[0]}`);
      failed++;
      continue;
    }
    const onlyOurs = norm.multisetMinus(ours, theirs);
    const onlyTheirs = norm.multisetMinus(theirs, ours);
    if (!onlyOurs.length && !onlyTheirs.length) {
      console.log(`   AGREE  ${path.basename(q)}  newsgraph = oxigraph (${ours.length} rows)`);
      continue;
    }
    failed++;
    console.log(`   DISAGREE  ${path.basename(q)}  newsgraph vs oxigraph:`);
    for (const l of onlyOurs.slice(0, 5)) console.log(`     + ${l.slice(0, 300)}   (only newsgraph)`);
    for (const l of onlyTheirs.slice(0, 5)) console.log(`     - ${l.slice(0, 300)}   (only oxigraph)`);
  }
  console.log(`crosscheck: ${queries.length - failed} agree, ${failed} disagree or fail`);
  process.exit(failed ? 1 : 0);
}
main();
