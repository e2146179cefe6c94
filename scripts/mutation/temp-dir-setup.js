'use strict';
module.exports = require('./temp-dir').setup;
