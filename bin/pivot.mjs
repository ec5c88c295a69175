#!/usr/bin/env node
// Entry point of the `pivot` command. TypeScript sources run through tsx's loader: no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/server/cli/index.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
