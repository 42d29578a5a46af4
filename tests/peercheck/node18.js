'use strict';
// tests/peercheck/node18.js — two globals that Node 20 has and Node 18 (Debian 12's nodejs) has
// only as modules; parse.js and query.js load this before the engines.
//   crypto  Oxigraph's WebAssembly draws blank node identifiers from the Web Crypto API
//           (globalThis.crypto; Node 18: require('crypto').webcrypto).
//   File    Comunica 5's HTTP client, undici 7 (never used here: the data is in memory), names
//           the global File when it loads (Node 18: require('buffer').File).
if (!globalThis.crypto) globalThis.crypto = require('crypto').webcrypto;
if (typeof globalThis.File === 'undefined') globalThis.File = require('buffer').File;
