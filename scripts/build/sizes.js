/** Byte size of every file below a directory (the compiled plugin budget is counted this way). */
'use strict';
const fs = require('fs');
const path = require('path');

function dirSize(dir) {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return total;
}

module.exports = { dirSize };
