'use strict';
// tests/peercheck/parse.js — four independent Turtle parsers read each file: serdi (strict, no
// -l) and rapper as Debian ships them, N3.js and Oxigraph from the npm packages pinned in
// package-lock.json.  Each parser's triples are made comparable (rdf.js: a set; blank nodes
// named by colour refinement; language tags without case) and must equal rapper's.  A parser
// that rejects the file, a different triple count or a different graph fails the file.
//
// usage: node parse.js [--expect-reject] FILE.ttl...
//   --expect-reject: the files are broken on purpose; each must be rejected by every parser.
// Prints one line per parser and file and a verdict per file; exits 1 when any file fails.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { pathToFileURL } = require('url');
require('./node18.js');
const N3 = require('n3');
const oxigraph = require('oxigraph');
const { readNTriples, canonicalGraph, minus } = require('./rdf.js');

// Each parser: the file's text and base IRI in, the triples out; throws when it rejects the file.
function viaCommand(command, args) {
  const run = spawnSync(command, args, { maxBuffer: 1 << 28, encoding: 'utf8' });
  if (run.error) throw new Error(`${command} did not run: ${run.error.message}`);
  // rapper exits 2 for warnings, with the triples written; serdi has no such status.
  if (run.status !== 0 && !(command === 'rapper' && run.status === 2))
    throw new Error(`${command} exit ${run.status}: ${run.stderr.trim().split('\n')[0]}`);
  return readNTriples(run.stdout);
}
const PARSERS = [
  ['rapper', (file, text, base) => viaCommand('rapper', ['-q', '-i', 'turtle', '-o', 'ntriples', file, base])],
  ['serdi', (file, text, base) => viaCommand('serdi', ['-i', 'turtle', '-o', 'ntriples', file, base])],
  ['n3.js', (file, text, base) => new N3.Parser({ format: 'text/turtle', baseIRI: base }).parse(text)],
  ['oxigraph', (file, text, base) => oxigraph.parse(text, { format: 'text/turtle', base_iri: base })],
];

function checkFile(file, expectReject) {
  const text = fs.readFileSync(file, 'utf8');
  const base = pathToFileURL(path.resolve(file)).href;
  const graphs = [];
  let ok = true;
  for (const [name, parse] of PARSERS) {
    let graph;
    try {
      graph = canonicalGraph(parse(file, text, base), false);
    } catch (e) {
      console.log(`   ${name.padEnd(9)} rejects: ${String(e.message).split('\n')[0].slice(0, 200)}`);
      if (!expectReject) ok = false;
      continue;
    }
    if (expectReject) {
      console.log(`   ${name.padEnd(9)} ACCEPTS the broken file (${graph.lines.length} triples)`);
      ok = false;
      continue;
    }
    const note = graph.ambiguous ? `, ${graph.ambiguous} blank nodes told apart by label only` : '';
    console.log(`   ${name.padEnd(9)} ${graph.lines.length} triples${note}`);
    graphs.push([name, graph]);
  }
  if (!expectReject && graphs.length) {
    const [firstName, first] = graphs[0];
    for (const [name, graph] of graphs.slice(1)) {
      const extra = minus(graph.lines, first.lines);
      const lost = minus(first.lines, graph.lines);
      if (!extra.length && !lost.length) continue;
      ok = false;
      console.log(`   ${name} and ${firstName} read different graphs:`);
      for (const l of extra.slice(0, 5)) console.log(`     + ${l.slice(0, 240)}   (only ${name})`);
      for (const l of lost.slice(0, 5)) console.log(`     - ${l.slice(0, 240)}   (only ${firstName})`);
    }
  }
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${file}${expectReject ? ' (rejected by every parser, as it must be)' : ''}`);
  return ok;
}

const args = process.argv.slice(2);
const expectReject = args[0] === '--expect-reject';
const files = expectReject ? args.slice(1) : args;
if (!files.length) {
  console.error('usage: node parse.js [--expect-reject] FILE.ttl...');
  process.exit(2);
}
const failed = files.filter((f) => !checkFile(f, expectReject)).length;
console.log(`parse: ${files.length - failed} of ${files.length} files pass`);
process.exit(failed ? 1 : 0);
