#!/usr/bin/env node
// Entry point of the `pivot` command. TypeScript sources run through tsx's loader: no build step to forget.
// `pivot triage` starts from a cached compiled copy of its modules when it can (fast-start.mjs): its start-up is
// part of its contract (under 2 s for 200 messages).
const argv = process.argv.slice(2);
const fast = argv[0] === 'triage' && argv.length === 1 ? await (await import('./fast-start.mjs')).fastModule('src/server/triage/cli.ts') : undefined;
if (fast) {
  await fast.runTriageCli(process.stdin, process.stdout);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/server/cli/index.ts');
  process.exitCode = await main(argv);
}
