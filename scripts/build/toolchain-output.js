/**
 * miniprogram-ci talks a lot: service start-up, its compiler's worker processes, a file watcher, and
 * "[error]" lines for the white-list look-ups that our offline build refuses on purpose (see
 * forbidNetwork in wechat-compile.js). Those lines are known not to be problems, so the build and the
 * release hide exactly them; every other line, and so every real error, still gets through.
 * `--verbose` shows everything.
 */
'use strict';

const NOISE = [
  /^\[miniprogram-builder\] (initservices|getservice) \w+$/,
  /^\[summer-compiler\] forkProcess( \w+)? \[[\d\- :.]+\]$/,
  /^serialize mini-weixin$/,
  /^\[error\] get white ext list fail Error: offline build: no request to https:\/\/servicewechat\.com\/wxa\/ci\/getwhiteextlist$/,
  /^Initial scan complete\. Ready for changes$/,
];

function isToolchainNoise(line) {
  return NOISE.some((re) => re.test(line.replace(/\r$/, '')));
}

/** Keeps complete lines that are not noise; holds a partial line until its newline arrives. */
function lineFilter(write) {
  let pending = '';
  const filtered = function (chunk, encoding, callback) {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    const lines = pending.split('\n');
    pending = lines.pop();
    const kept = lines.filter((l) => !isToolchainNoise(l));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (kept.length) return write(`${kept.join('\n')}\n`, done);
    if (done) process.nextTick(done);
    return true;
  };
  filtered.flush = () => {
    if (pending && !isToolchainNoise(pending)) write(pending);
    pending = '';
  };
  return filtered;
}

/** Filters this process's stdout and stderr from now on (unless `verbose`). Returns the undo. */
function hideToolchainNoise({ verbose = false } = {}) {
  if (verbose) return () => undefined;
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((s) => s.write);
  const filters = streams.map((s, i) => lineFilter(originals[i].bind(s)));
  streams.forEach((s, i) => {
    s.write = filters[i];
  });
  return () => {
    streams.forEach((s, i) => {
      filters[i].flush();
      s.write = originals[i];
    });
  };
}

module.exports = { hideToolchainNoise, isToolchainNoise, lineFilter };
