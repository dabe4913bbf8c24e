#!/usr/bin/env node
// highs.js — solve an exported tico model with HiGHS (the npm package `highs`, WebAssembly,
// single-threaded) and print one JSON line for bench/run.sh.
//
//   node bench/highs.js MODEL.lp|MODEL.mps [--time-limit S] [--gap G]
//
// --gap G sets mip_rel_gap (HiGHS's default is 1e-4).
// Output: {"status","objective","bound","gap","read_s","solve_s","nodes"}; read_s is the
// time to parse the file into HiGHS, solve_s the time of run(), both wall-clock seconds.
'use strict';
const fs = require('fs');
const path = require('path');

function usage() {
  process.stderr.write('usage: node bench/highs.js MODEL.lp|MODEL.mps [--time-limit S] [--gap G]\n');
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  let file = null, timeLimit = null, gap = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--time-limit') timeLimit = Number(args[++i]);
    else if (args[i] === '--gap') gap = Number(args[++i]);
    else if (!file) file = args[i];
    else usage();
  }
  if (!file) usage();
  const loadHighs = require(path.join(__dirname, 'node_modules', 'highs'));
  const highs = await loadHighs();
  const t0 = process.hrtime.bigint();
  const mps = file.endsWith('.mps');
  // raw bytes: a string of a large model (190 MB for the large instance) overflows the
  // package's string-to-UTF-8 conversion
  const data = new Uint8Array(fs.readFileSync(file));
  const model = highs.createModel({ format: mps ? 'mps' : 'lp', data });
  const t1 = process.hrtime.bigint();
  try {
    const opts = { output_flag: false };
    if (timeLimit !== null) opts.time_limit = timeLimit;
    if (gap !== null) opts.mip_rel_gap = gap;
    model.options.set(opts);
    model.run();
    const t2 = process.hrtime.bigint();
    const code = model.getModelStatus();
    const names = highs.constants.modelStatus;
    let status = 'other';
    for (const k of Object.keys(names)) if (names[k] === code) status = k;
    const info = (k) => { try { const v = model.info.get(k); return typeof v === 'bigint' ? Number(v) : v; } catch (e) { return null; } };
    let obj = null;
    try { obj = model.getObjectiveValue(); } catch (e) { obj = null; }
    const hasSol = info('primal_solution_status') === 2 || status === 'optimal';
    const out = {
      status,
      objective: hasSol ? obj : null,
      bound: info('mip_dual_bound'),
      gap: info('mip_gap'),
      read_s: Number(t1 - t0) / 1e9,
      solve_s: Number(t2 - t1) / 1e9,
      nodes: info('mip_node_count'),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    model.dispose();
  }
}

main().catch((e) => { process.stderr.write('highs.js: ' + (e && e.stack || e) + '\n'); process.exit(5); });
