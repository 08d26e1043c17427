#!/usr/bin/env node
// The image builds with what the project builds with: every library package
// install-deps.sh installs to build refnet (the -dev packages, less the test
// libraries) is installed in deploy/Dockerfile's build stage too, so a new
// dependency cannot leave the image behind unnoticed. (Its runtime stage is
// checked by the image build itself: ldd must find every shared library.)
//
//   node check-dockerfile.mjs [INSTALL_DEPS DOCKERFILE]
//   node check-dockerfile.mjs --expect-missing PACKAGE INSTALL_DEPS DOCKERFILE
//     passes only if the check fails for PACKAGE
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const expectMissing = args[0] === '--expect-missing' ? args.splice(0, 2)[1] : null;
const [depsFile = path.join(repoRoot, 'install-deps.sh'), dockerfile = path.join(repoRoot, 'deploy/Dockerfile')] = args;

// Only for the tests, which the image does not build.
const TEST_ONLY = new Set(['libgtest-dev', 'libgmock-dev', 'libbenchmark-dev']);

const deps = fs.readFileSync(depsFile, 'utf8');
const list = deps.match(/^packages=\(([\s\S]*?)^\)/m);
if (!list) {
  console.error(`${depsFile}: no packages=( ... ) list`);
  process.exit(1);
}
const wanted = list[1].split(/\s+/).filter((p) => p.endsWith('-dev') && !TEST_ONLY.has(p));

// The first stage, up to the next FROM.
const text = fs.readFileSync(dockerfile, 'utf8').replace(/\\\n/g, ' ');
const stages = text.split(/^FROM /m);
const build = stages[1] ?? '';
const installed = new Set(
  [...build.matchAll(/apt-get install ([^&\n]*)/g)].flatMap((m) => m[1].split(/\s+/)).filter((w) => w && !w.startsWith('-')),
);
const missing = wanted.filter((p) => !installed.has(p));
if (expectMissing) {
  const ok = missing.includes(expectMissing);
  console.log(ok ? `ok: ${expectMissing} is found missing` : `expected ${expectMissing} to be found missing`);
  process.exit(ok ? 0 : 1);
}
if (missing.length) {
  console.error(`${path.relative(repoRoot, dockerfile)}: the build stage lacks ${missing.join(', ')} (in install-deps.sh)`);
  process.exit(1);
}
console.log(`ok: the build stage installs ${wanted.length} library packages of install-deps.sh`);
