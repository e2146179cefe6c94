/** The compiled plugin's size budget, and how it is counted: every file below dist/plugin. */
'use strict';
const fs = require('fs');
const path = require('path');

/** Issue #10: the compiled plugin with every operation stays at most 64 KB (the 32 KB target is retired; not met yet, see the README). */
const PLUGIN_BUDGET = 64 * 1024;

/** Byte size of every file below a directory. */
function dirSize(dir) {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return total;
}

module.exports = { dirSize, PLUGIN_BUDGET };
