'use strict';
// bench/oxigraph-time.js — the reference beside newsgraph in bench/questions.sh (not a test):
// Oxigraph (the npm package pinned in tests/peercheck) loads the data files in process, then
// answers each query; prints "NAME CPU-SECONDS ROWS" per query, the CPU time of the query alone
// (process.cpuUsage around store.query, results consumed).
//
// usage: node bench/oxigraph-time.js DATA.nt|.ttl... -- QUERY.rq...
const fs = require('fs');
const path = require('path');
const peer = path.join(__dirname, '..', 'tests', 'peercheck');
require(path.join(peer, 'node18.js'));
const oxigraph = require(path.join(peer, 'node_modules', 'oxigraph'));

const args = process.argv.slice(2);
const cut = args.indexOf('--');
if (cut < 1) {
  console.error('usage: node bench/oxigraph-time.js DATA... -- QUERY.rq...');
  process.exit(2);
}
const store = new oxigraph.Store();
for (const f of args.slice(0, cut))
  store.load(fs.readFileSync(f, 'utf8'),
    { format: f.endsWith('.nt') ? 'application/n-triples' : 'text/turtle', base_iri: 'file:///' });
for (const q of args.slice(cut + 1)) {
  const text = fs.readFileSync(q, 'utf8');
  const t0 = process.cpuUsage();
  const r = store.query(text);
  const rows = typeof r === 'boolean' ? 1 : r.length;
  const t = process.cpuUsage(t0);
  console.log(`${path.basename(q, '.rq')} ${((t.user + t.system) / 1e6).toFixed(3)} ${rows}`);
}
