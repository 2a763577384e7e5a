#!/usr/bin/env node
// Runs the TypeScript sources directly; @swc-node/register also resolves the @duban/* aliases.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '../../../tsconfig.base.json');
require('@swc-node/register');
require('../src/main.ts');
