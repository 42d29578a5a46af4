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
// N-Triples is loaded in pieces cut at line ends: a JavaScript string holds at most 512 MiB, and
// the N-Triples of 1,000 articles are larger.
const PIECE = 64 * 1024 * 1024;
for (const f of args.slice(0, cut)) {
  const data = fs.readFileSync(f);
  const nt = f.endsWith('.nt');
  const format = nt ? 'application/n-triples' : 'text/turtle';
  for (let at = 0; at < data.length;) {
    let end = nt ? Math.min(at + PIECE, data.length) : data.length;
    if (end < data.length) {
      const nl = data.indexOf(10, end);
      end = nl < 0 ? data.length : nl + 1;
    }
    store.load(data.toString('utf8', at, end), { format, base_iri: 'file:///' });
    at = end;
  }
}
for (const q of args.slice(cut + 1)) {
  const text = fs.readFileSync(q, 'utf8');
  const t0 = process.cpuUsage();
  const r = store.query(text);
  const rows = typeof r === 'boolean' ? 1 : r.length;
  const t = process.cpuUsage(t0);
  console.log(`${path.basename(q, '.rq')} ${((t.user + t.system) / 1e6).toFixed(3)} ${rows}`);
}
