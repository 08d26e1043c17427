// End-to-end: an admin who has nothing but a generic reflection client (what
// grpcurl does) can discover, describe and drive refnet.
//
// The test starts a real refnet-server on a loopback port with an SQLite store
// in a temporary directory, then:
//   1. lists the services through server reflection (v1alpha, and v1 when the
//      server offers it);
//   2. describes every service from the file descriptors returned for
//      file_containing_symbol, health included;
//   3. builds gRPC clients from those reflected descriptors alone (no .proto
//      file is read from disk) and calls methods by name with plain objects:
//      health, firm and member creation as a platform admin, contacts as a
//      firm admin, plus the UNAUTHENTICATED and INVALID_ARGUMENT answers, and
//      a newcomer's whole path: relationships, pages, a masked update guarded
//      by its etag, and a merge;
//   4. sends SIGTERM and checks that health turns NOT_SERVING and the server
//      exits with status 0;
//   5. starts the server again on the same database and reads the data back.
//
// Run:
//   npm ci
//   REFNET_SERVER_BIN=/path/to/build/services/server/refnet-server node --test
//
// REFNET_TEST_KEEP_TMP=1 keeps the temporary directory (database, server log).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import * as grpc from '@grpc/grpc-js';
import { GrpcReflection } from 'grpc-js-reflection-client';

const SERVER_BIN = process.env.REFNET_SERVER_BIN;
const KEEP_TMP = Boolean(process.env.REFNET_TEST_KEEP_TMP);

const CALL_TIMEOUT_MS = 10_000;
const START_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 60_000;

const ADMIN_SERVICE = 'refnet.v1.AdminService';
const CONTACT_SERVICE = 'refnet.v1.ContactService';
const LEDGER_SERVICE = 'refnet.v1.LedgerService';
const REFERRAL_SERVICE = 'refnet.v1.ReferralService';
const ASK_SERVICE = 'refnet.v1.AskService';
const NETWORK_SERVICE = 'refnet.v1.NetworkService';
const REVIEW_SERVICE = 'refnet.v1.ReviewService';
const HEALTH_SERVICE = 'grpc.health.v1.Health';
const REFLECTION_V1ALPHA = 'grpc.reflection.v1alpha.ServerReflection';
const REFLECTION_V1 = 'grpc.reflection.v1.ServerReflection';

// Every method each service is expected to describe.
const EXPECTED_METHODS = {
  [ADMIN_SERVICE]: [
    'CreateFirm', 'GetFirm', 'ListFirms', 'CreateMember', 'GetMember', 'ListMembers', 'UpdateMember',
    'GetFirmSettings', 'UpdateFirmSettings', 'CheckLedger', 'RebuildCache', 'IssueToken',
    'GetServerInfo', 'BackupStore',
  ],
  [ASK_SERVICE]: [
    'CreateAsk', 'GetAsk', 'ListAsks', 'CloseAsk', 'SuggestHelpers', 'RouteAsk', 'FulfilAsk',
  ],
  [NETWORK_SERVICE]: [
    'FindIntroPaths', 'SuggestIntroductions', 'FindReciprocityLoops', 'SuggestNetting', 'GetKeyPersonRisk',
  ],
  [REVIEW_SERVICE]: ['GetWeeklyReview'],
  [REFERRAL_SERVICE]: [
    'CreateReferral', 'GetReferral', 'ListReferrals', 'MoveReferral', 'GetReferralReport',
  ],
  [LEDGER_SERVICE]: [
    'RecordFavour', 'GetFavour', 'ListFavours', 'VoidFavour', 'GetBalance', 'ListBalances',
    'GetStanding', 'ListTopBalances', 'ExplainBalance',
  ],
  [CONTACT_SERVICE]: [
    'CreateContact', 'GetContact', 'ListContacts', 'UpdateContact', 'DeleteContact', 'MergeContacts',
    'ImportContacts', 'SetRelationship', 'ListRelationships', 'LogInteraction', 'ListInteractions', 'ConnectContacts',
    'ListConnections',
  ],
  [HEALTH_SERVICE]: ['Check', 'Watch'],
  [REFLECTION_V1ALPHA]: ['ServerReflectionInfo'],
};

// How reflected messages are turned into plain objects: proto field names,
// enums as their names, 64-bit integers as strings, defaults filled in.
const LOADER_OPTIONS = { keepCase: true, enums: String, longs: String, defaults: true, oneofs: true };

// ---------------------------------------------------------------------------
// Tokens: HS256 JWTs signed with the server's secret.

function base64url(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function signJwt(claims, secret) {
  const header = base64url({ alg: 'HS256', typ: 'JWT' });
  const payload = base64url(claims);
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function bearer(token) {
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${token}`);
  return md;
}

const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

// ---------------------------------------------------------------------------
// gRPC plumbing.

function deadline(ms = CALL_TIMEOUT_MS) {
  return Date.now() + ms;
}

// Walks a loaded package object ("refnet.v1.AdminService") to the service
// client constructor.
function serviceConstructor(packageObject, fullName) {
  let node = packageObject;
  for (const part of fullName.split('.')) {
    assert.ok(node && part in node, `reflected descriptors do not define ${fullName} (missing "${part}")`);
    node = node[part];
  }
  assert.equal(typeof node, 'function', `${fullName} is not a service`);
  return node;
}

// Calls a unary method by name and resolves to { err, res } so that tests can
// assert on error statuses as easily as on answers.
function unary(client, method, request, metadata = new grpc.Metadata()) {
  assert.equal(typeof client[method], 'function', `client has no method ${method}`);
  return new Promise((resolve) => {
    client[method](request, metadata, { deadline: deadline() }, (err, res) => resolve({ err, res }));
  });
}

// Like unary, but the call must succeed.
async function ok(client, method, request, metadata) {
  const { err, res } = await unary(client, method, request, metadata);
  if (err) {
    assert.fail(`${method}(${JSON.stringify(request)}) failed: code ${err.code} (${grpc.status[err.code]}): ${err.details}`);
  }
  return res;
}

// Like unary, but the call must fail with the given status code.
async function fails(client, method, request, metadata, code) {
  const { err, res } = await unary(client, method, request, metadata);
  if (!err) {
    assert.fail(`${method}(${JSON.stringify(request)}) succeeded, expected ${grpc.status[code]}; answer: ${JSON.stringify(res)}`);
  }
  assert.equal(err.code, code,
    `${method}(${JSON.stringify(request)}): expected ${code} (${grpc.status[code]}), got ${err.code} (${grpc.status[err.code]}): ${err.details}`);
  return err;
}

// The reflection client wraps transport errors into its own exception whose
// message is the original error's text, e.g. "Error: 12 UNIMPLEMENTED: ...".
function reflectionStatusCode(error) {
  const match = /(\d+) [A-Z_]+:/.exec(String(error?.message ?? error));
  return match ? Number(match[1]) : undefined;
}

// GrpcReflection keeps its channel in a field it does not expose a close for;
// close it so the test process can end.
function closeReflection(client) {
  client?.client?.close?.();
}

// ---------------------------------------------------------------------------
// The server process.

class RefnetServer {
  constructor(bin) {
    this.bin = bin;
    this.dir = mkdtempSync(join(tmpdir(), 'refnet-reflection-'));
    this.secret = randomBytes(48).toString('hex'); // 96 bytes of text
    this.secretFile = join(this.dir, 'token-secret');
    this.portFile = join(this.dir, 'port');
    this.logFile = join(this.dir, 'server.log');
    this.exit = null; // { code, signal } once the process has ended
  }

  // Starts the server; after an exit, starts it again on the same database.
  async start() {
    this.exit = null;
    rmSync(this.portFile, { force: true });
    writeFileSync(this.secretFile, `${this.secret}\n`, { mode: 0o600 });
    const log = openSync(this.logFile, 'a');
    this.args = [
      '--listen', '127.0.0.1:0',
      '--store', `sqlite:${this.dir}/refnet.db`,
      '--token-secret-file', this.secretFile,
      '--port-file', this.portFile,
    ];
    this.child = spawn(this.bin, this.args, { cwd: this.dir, stdio: ['ignore', log, log] });
    closeSync(log);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
      this.child.on('error', (error) => {
        this.exit = { code: null, signal: null, error };
        resolve(this.exit);
      });
    });

    const until = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < until) {
      if (this.exit) {
        throw new Error(`refnet-server ended before listening: ${JSON.stringify(this.exit)}\n${this.logTail()}`);
      }
      let text = '';
      try {
        text = readFileSync(this.portFile, 'utf8').trim();
      } catch {
        // not written yet
      }
      if (/^\d+$/.test(text) && Number(text) > 0) {
        this.port = Number(text);
        this.address = `127.0.0.1:${this.port}`;
        return;
      }
      await sleep(50);
    }
    throw new Error(`refnet-server wrote no port to ${this.portFile} within ${START_TIMEOUT_MS} ms\n${this.logTail()}`);
  }

  logTail(lines = 60) {
    try {
      const text = readFileSync(this.logFile, 'utf8').split('\n');
      return `--- last lines of ${this.logFile} ---\n${text.slice(-lines).join('\n')}`;
    } catch {
      return '(no server log)';
    }
  }

  async waitForExit(ms = EXIT_TIMEOUT_MS) {
    const timer = sleep(ms, null, { ref: false });
    return Promise.race([this.exited, timer]);
  }

  async kill() {
    if (this.child && !this.exit) {
      this.child.kill('SIGKILL');
      await this.waitForExit(5_000);
    }
  }

  cleanup() {
    if (KEEP_TMP) {
      console.error(`kept ${this.dir}`);
    } else {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------------------

describe('refnet through server reflection only', () => {
  let server;
  let reflection;
  const clients = {};
  const described = {};
  let failed = false;

  const platformAdminToken = () => signJwt({ iss: 'refnet', role: 'platform-admin', exp: inOneHour() }, server.secret);
  const firmAdminToken = () => signJwt(
    { iss: 'refnet', role: 'admin', firm: 'acme', sub: 'alice', exp: inOneHour() }, server.secret);

  // Records a failure so the server log is printed at the end.
  const step = (name, fn) => it(name, async (t) => {
    try {
      await fn(t);
    } catch (error) {
      failed = true;
      throw error;
    }
  });

  before(async () => {
    assert.ok(SERVER_BIN, 'set REFNET_SERVER_BIN to the refnet-server executable');
    accessSync(SERVER_BIN, fsConstants.X_OK);
    server = new RefnetServer(SERVER_BIN);
    try {
      await server.start();
    } catch (error) {
      failed = true;
      throw error;
    }
    reflection = new GrpcReflection(server.address, grpc.credentials.createInsecure());
  });

  after(async () => {
    for (const client of Object.values(clients)) client.close();
    closeReflection(reflection);
    if (server) {
      if (!server.exit) {
        failed = true;
        await server.kill();
      }
      if (failed) console.error(server.logTail());
      server.cleanup();
    }
  });

  step('lists AdminService, ContactService, Health and reflection (v1alpha)', async () => {
    const services = await reflection.listServices('*', new grpc.Metadata(), { deadline: deadline() });
    for (const name of [ADMIN_SERVICE, CONTACT_SERVICE, LEDGER_SERVICE, REVIEW_SERVICE, HEALTH_SERVICE, REFLECTION_V1ALPHA]) {
      assert.ok(services.includes(name), `reflection does not list ${name}; it lists ${JSON.stringify(services)}`);
    }
  });

  step('lists the same services through reflection v1 when the server offers it', async (t) => {
    const v1 = new GrpcReflection(server.address, grpc.credentials.createInsecure(), {}, 'v1');
    let services;
    try {
      services = await v1.listServices('*', new grpc.Metadata(), { deadline: deadline() });
    } catch (error) {
      closeReflection(v1);
      if (reflectionStatusCode(error) === grpc.status.UNIMPLEMENTED) {
        // grpcurl falls back to v1alpha, so a v1alpha-only server is usable.
        t.skip('server offers reflection v1alpha only');
        return;
      }
      throw error;
    }
    closeReflection(v1);
    for (const name of [ADMIN_SERVICE, CONTACT_SERVICE, HEALTH_SERVICE]) {
      assert.ok(services.includes(name), `reflection v1 does not list ${name}; it lists ${JSON.stringify(services)}`);
    }
    assert.ok(services.includes(REFLECTION_V1) || services.includes(REFLECTION_V1ALPHA),
      `reflection v1 lists no reflection service: ${JSON.stringify(services)}`);
  });

  for (const [serviceName, methods] of Object.entries(EXPECTED_METHODS)) {
    step(`describes ${serviceName} from file_containing_symbol`, async () => {
      let descriptor;
      try {
        descriptor = await reflection.getDescriptorBySymbol(serviceName, new grpc.Metadata(), { deadline: deadline() });
      } catch (error) {
        assert.fail(`file_containing_symbol "${serviceName}" failed: ${error.message}`);
      }
      const root = descriptor.getProtobufJsRoot();
      const service = root.lookupService(serviceName);
      const names = Object.keys(service.methods).sort();
      assert.deepEqual(names, [...methods].sort(), `${serviceName} describes methods ${JSON.stringify(names)}`);
      for (const method of Object.values(service.methods)) {
        // Request and response types must be resolvable from what reflection sent.
        method.resolve();
        assert.ok(method.resolvedRequestType, `${serviceName}.${method.name}: request type ${method.requestType} unresolved`);
        assert.ok(method.resolvedResponseType, `${serviceName}.${method.name}: response type ${method.responseType} unresolved`);
      }
      described[serviceName] = descriptor;
    });
  }

  step('describes message shapes, enums and imported well-known types', async () => {
    const admin = described[ADMIN_SERVICE]?.getProtobufJsRoot();
    const contacts = described[CONTACT_SERVICE]?.getProtobufJsRoot();
    const health = described[HEALTH_SERVICE]?.getProtobufJsRoot();
    assert.ok(admin && contacts && health, 'services were not described');

    assert.equal(health.lookupService(HEALTH_SERVICE).methods.Watch.responseStream, true, 'Health.Watch must stream');
    assert.ok(!health.lookupService(HEALTH_SERVICE).methods.Check.responseStream, 'Health.Check must be unary');
    assert.deepEqual(Object.keys(health.lookupEnum('grpc.health.v1.HealthCheckResponse.ServingStatus').values).sort(),
      ['NOT_SERVING', 'SERVICE_UNKNOWN', 'SERVING', 'UNKNOWN']);

    const contact = contacts.lookupType('refnet.v1.Contact');
    assert.equal(contact.fields.emails.repeated, true);
    assert.equal(contact.fields.emails.type, 'string');
    assert.equal(contact.fields.emails.id, 5);
    contact.resolveAll();
    assert.equal(contact.fields.create_time.resolvedType?.fullName, '.google.protobuf.Timestamp');
    assert.ok(contacts.lookupType('google.protobuf.FieldMask'), 'FieldMask import not reflected');

    assert.deepEqual(Object.keys(admin.lookupEnum('refnet.v1.Role').values).sort(),
      ['ROLE_ADMIN', 'ROLE_MEMBER', 'ROLE_SERVICE', 'ROLE_UNSPECIFIED']);
  });

  step('builds clients from the reflected descriptors alone', async () => {
    for (const serviceName of [HEALTH_SERVICE, ADMIN_SERVICE, CONTACT_SERVICE, LEDGER_SERVICE, REFERRAL_SERVICE,
      ASK_SERVICE, NETWORK_SERVICE, REVIEW_SERVICE]) {
      const descriptor = described[serviceName];
      assert.ok(descriptor, `${serviceName} was not described`);
      const Client = serviceConstructor(descriptor.getPackageObject(LOADER_OPTIONS), serviceName);
      clients[serviceName] = new Client(server.address, grpc.credentials.createInsecure());
    }
  });

  step('grpc.health.v1.Health/Check answers SERVING without a token', async () => {
    const res = await ok(clients[HEALTH_SERVICE], 'Check', { service: '' });
    assert.equal(res.status, 'SERVING');
  });

  step('calls without a token, or with a badly signed one, are UNAUTHENTICATED', async () => {
    const admin = clients[ADMIN_SERVICE];
    const contacts = clients[CONTACT_SERVICE];
    await fails(admin, 'CreateFirm', { firm_id: 'acme', firm: { display_name: 'Acme' } }, undefined, grpc.status.UNAUTHENTICATED);
    await fails(contacts, 'ListContacts', { parent: 'firms/acme' }, undefined, grpc.status.UNAUTHENTICATED);
    const forged = signJwt({ iss: 'refnet', role: 'platform-admin', exp: inOneHour() }, `${server.secret}x`);
    await fails(admin, 'ListFirms', {}, bearer(forged), grpc.status.UNAUTHENTICATED);
    const expired = signJwt({ iss: 'refnet', role: 'platform-admin', exp: Math.floor(Date.now() / 1000) - 600 }, server.secret);
    await fails(admin, 'ListFirms', {}, bearer(expired), grpc.status.UNAUTHENTICATED);
  });

  step('AdminService/CreateFirm and CreateMember as a platform admin', async () => {
    const admin = clients[ADMIN_SERVICE];
    const md = bearer(platformAdminToken());

    const firm = await ok(admin, 'CreateFirm', { firm_id: 'acme', firm: { display_name: 'Acme' } }, md);
    assert.equal(firm.name, 'firms/acme');
    assert.equal(firm.display_name, 'Acme');
    assert.ok(firm.create_time && Number(firm.create_time.seconds) > 0, `create_time not set: ${JSON.stringify(firm)}`);
    assert.notEqual(firm.etag, '', 'firm etag is empty');

    const member = await ok(admin, 'CreateMember', {
      parent: 'firms/acme',
      member_id: 'alice',
      member: { display_name: 'Alice', email: 'alice@acme.test', role: 'ROLE_ADMIN' },
    }, md);
    assert.equal(member.name, 'firms/acme/members/alice');
    assert.equal(member.display_name, 'Alice');
    assert.equal(member.email, 'alice@acme.test');
    assert.equal(member.role, 'ROLE_ADMIN');
    assert.notEqual(member.etag, '', 'member etag is empty');

    const info = await ok(admin, 'GetServerInfo', {}, md);
    assert.match(info.version, /^\d+\.\d+\.\d+$/);
    assert.notEqual(info.revision, '', 'revision is empty');
    assert.equal(info.store_kind, 'sqlite');
    assert.equal(info.cache_state, 'CACHE_STATE_DISABLED');
  });

  step('ContactService/CreateContact, ListContacts and GetContact as the firm admin', async () => {
    const contacts = clients[CONTACT_SERVICE];
    const md = bearer(firmAdminToken());

    const created = await ok(contacts, 'CreateContact', {
      parent: 'firms/acme',
      contact_id: 'ann',
      contact: { display_name: 'Ann Lee', organization: 'Globex', emails: ['ann@globex.com'] },
    }, md);
    assert.equal(created.name, 'firms/acme/contacts/ann');
    assert.equal(created.display_name, 'Ann Lee');
    assert.equal(created.organization, 'Globex');
    assert.deepEqual(created.emails, ['ann@globex.com']);
    assert.equal(created.archived, false);
    assert.notEqual(created.etag, '', 'contact etag is empty');

    const list = await ok(contacts, 'ListContacts', { parent: 'firms/acme' }, md);
    assert.deepEqual(list.contacts.map((c) => c.name), ['firms/acme/contacts/ann']);
    assert.equal(list.next_page_token, '');
    assert.deepEqual(list.contacts[0], created, 'ListContacts returns a different contact than CreateContact did');

    const got = await ok(contacts, 'GetContact', { name: 'firms/acme/contacts/ann' }, md);
    assert.deepEqual(got, created, 'GetContact returns a different contact than CreateContact did');
  });

  step('a malformed email is INVALID_ARGUMENT naming contact.emails[0], and nothing is written', async () => {
    const contacts = clients[CONTACT_SERVICE];
    const md = bearer(firmAdminToken());

    const err = await fails(contacts, 'CreateContact', {
      parent: 'firms/acme',
      contact_id: 'bob',
      contact: { display_name: 'Bob Roe', emails: ['not-an-email'] },
    }, md, grpc.status.INVALID_ARGUMENT);
    assert.ok(err.details.includes('contact.emails[0]'), `INVALID_ARGUMENT message does not name contact.emails[0]: "${err.details}"`);

    await fails(contacts, 'GetContact', { name: 'firms/acme/contacts/bob' }, md, grpc.status.NOT_FOUND);
    const list = await ok(contacts, 'ListContacts', { parent: 'firms/acme' }, md);
    assert.deepEqual(list.contacts.map((c) => c.name), ['firms/acme/contacts/ann']);
  });

  step('a newcomer\'s path: relationships, pages, a masked update and a merge', async () => {
    const contacts = clients[CONTACT_SERVICE];
    const md = bearer(firmAdminToken());
    await ok(contacts, 'CreateContact', {
      parent: 'firms/acme', contact_id: 'ann-lee', contact: { display_name: 'A. Lee', phones: ['+1 555 0100'] },
    }, md);
    await ok(contacts, 'CreateContact', {
      parent: 'firms/acme', contact_id: 'bo', contact: { display_name: 'Bo Chan', organization: 'Initech' },
    }, md);
    const rel = await ok(contacts, 'SetRelationship', {
      parent: 'firms/acme',
      relationship: { member: 'firms/acme/members/alice', contact: 'firms/acme/contacts/ann-lee', strength: 4, how_met: 'Fintech Week', key: true },
    }, md);
    assert.equal(rel.name, 'firms/acme/members/alice/relationships/ann-lee');

    // Page through the contacts one at a time.
    const names = [];
    let pageToken = '';
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await ok(contacts, 'ListContacts', { parent: 'firms/acme', page_size: 1, page_token: pageToken }, md);
      names.push(...page.contacts.map((c) => c.name));
      pageToken = page.next_page_token;
      if (!pageToken) break;
    }
    assert.deepEqual(names, ['firms/acme/contacts/ann', 'firms/acme/contacts/ann-lee', 'firms/acme/contacts/bo']);

    const ann = await ok(contacts, 'GetContact', { name: 'firms/acme/contacts/ann' }, md);
    const updated = await ok(contacts, 'UpdateContact', {
      contact: { name: ann.name, title: 'CFO', organization: 'not in the mask', etag: ann.etag },
      update_mask: { paths: ['title'] },
    }, md);
    assert.equal(updated.title, 'CFO');
    assert.equal(updated.organization, 'Globex');
    await fails(contacts, 'UpdateContact', {
      contact: { name: ann.name, title: 'CEO', etag: ann.etag }, update_mask: { paths: ['title'] },
    }, md, grpc.status.ABORTED);

    const survivor = await ok(contacts, 'MergeContacts', {
      name: 'firms/acme/contacts/ann', merged: 'firms/acme/contacts/ann-lee',
    }, md);
    assert.deepEqual(survivor.phones, ['+1 555 0100']);
    const gone = await fails(contacts, 'GetContact', { name: 'firms/acme/contacts/ann-lee' }, md, grpc.status.NOT_FOUND);
    assert.ok(gone.details.includes('firms/acme/contacts/ann'), `NOT_FOUND does not name the survivor: "${gone.details}"`);
    const rels = await ok(contacts, 'ListRelationships', { parent: 'firms/acme', member: 'firms/acme/members/alice' }, md);
    assert.deepEqual(rels.relationships.map((r) => r.contact), ['firms/acme/contacts/ann']);
  });

  step('favours between members and contacts: who owes whom, explained', async () => {
    const ledger = clients[LEDGER_SERVICE];
    const admin = clients[ADMIN_SERVICE];
    const md = bearer(firmAdminToken());
    const alice = 'firms/acme/members/alice';
    const ann = 'firms/acme/contacts/ann';
    const intro = await ok(ledger, 'RecordFavour', {
      parent: 'firms/acme', favour: { giver: alice, receiver: ann, kind: 'FAVOUR_KIND_INTRODUCTION' },
      request_id: '0b7e4e0a-8d41-4c1e-9a57-3f8c2f9d1e01',
    }, md);
    assert.equal(intro.value_points, '30', 'an introduction is worth the firm default of 30');
    await ok(ledger, 'RecordFavour', {
      parent: 'firms/acme', favour: { giver: ann, receiver: alice, kind: 'FAVOUR_KIND_ADVICE', value_points: 10 },
    }, md);
    const balance = await ok(ledger, 'GetBalance', { parent: 'firms/acme', party: alice, counterparty: ann }, md);
    assert.equal(balance.net_points, '20');
    assert.equal(balance.direction, 'BALANCE_DIRECTION_COUNTERPARTY_OWES');
    const explained = await ok(ledger, 'ExplainBalance', { parent: 'firms/acme', party: alice, counterparty: ann }, md);
    assert.deepEqual(explained.effect_points, ['30', '-10']);
    const voided = await ok(ledger, 'VoidFavour', { name: intro.name, reason: 'recorded twice' }, md);
    assert.equal(voided.voids, intro.name);
    const after = await ok(ledger, 'GetBalance', { parent: 'firms/acme', party: alice, counterparty: ann }, md);
    assert.equal(after.net_points, '-10');
    const check = await ok(admin, 'CheckLedger', { parent: 'firms/acme' }, md);
    assert.equal(check.ok, true, JSON.stringify(check.problems));
  });

  step('a referral walked from offered to won credits its closed value to the referrer', async () => {
    const referrals = clients[REFERRAL_SERVICE];
    const ledger = clients[LEDGER_SERVICE];
    const md = bearer(firmAdminToken());
    const alice = 'firms/acme/members/alice';
    const ann = 'firms/acme/contacts/ann';
    const before = await ok(ledger, 'GetBalance', { parent: 'firms/acme', party: alice, counterparty: ann }, md);
    let referral = await ok(referrals, 'CreateReferral', {
      parent: 'firms/acme',
      referral: {
        referrer: alice, recipient: ann, prospect: { description: 'CFO of Initech' },
        need: 'an audit', warmth: 5, estimated_value: { currency_code: 'EUR', units: 20000 },
      },
      request_id: '0b7e4e0a-8d41-4c1e-9a57-3f8c2f9d1e02',
    }, md);
    assert.equal(referral.stage, 'STAGE_OFFERED');
    const skipped = await fails(referrals, 'MoveReferral', { name: referral.name, stage: 'STAGE_WON' }, md,
      grpc.status.FAILED_PRECONDITION);
    assert.ok(skipped.details.includes('STAGE_OFFERED') && skipped.details.includes('STAGE_WON'), skipped.details);
    for (const stage of ['STAGE_ACCEPTED', 'STAGE_CONTACTED', 'STAGE_MEETING']) {
      referral = await ok(referrals, 'MoveReferral', { name: referral.name, stage, etag: referral.etag }, md);
    }
    referral = await ok(referrals, 'MoveReferral', {
      name: referral.name, stage: 'STAGE_WON', closed_value: { currency_code: 'EUR', units: 15000 },
    }, md);
    assert.equal(referral.stage, 'STAGE_WON');
    assert.equal(referral.history.length, 5);
    const closed = await ok(ledger, 'GetFavour', { name: referral.closed_favour }, md);
    assert.equal(closed.kind, 'FAVOUR_KIND_CLOSED_BUSINESS');
    const after = await ok(ledger, 'GetBalance', { parent: 'firms/acme', party: alice, counterparty: ann }, md);
    assert.equal(Number(after.net_points) - Number(before.net_points), 140, 'a warm offer (40) and the win (100)');
    const report = await ok(referrals, 'GetReferralReport', { parent: 'firms/acme', party: alice }, md);
    assert.equal(report.won_count, 1);
    assert.equal(report.credits[0].referrer, alice);
    assert.equal(report.credits[0].closed_value[0].units, '15000');
  });

  step('an ask gets ranked helpers with reasons, is routed and fulfilled', async () => {
    const asks = clients[ASK_SERVICE];
    const ledger = clients[LEDGER_SERVICE];
    const md = bearer(firmAdminToken());
    const alice = 'firms/acme/members/alice';
    const ann = 'firms/acme/contacts/ann';
    const ask = await ok(asks, 'CreateAsk', {
      parent: 'firms/acme', ask: { asker: alice, need: 'an intro to a fintech lender', tags: ['fintech'] },
      request_id: '0b7e4e0a-8d41-4c1e-9a57-3f8c2f9d1e03',
    }, md);
    assert.equal(ask.state, 'STATE_OPEN');
    const suggested = await ok(asks, 'SuggestHelpers', { name: ask.name, page_size: 5 }, md);
    const top = suggested.suggestions[0];
    assert.equal(top.party, ann, JSON.stringify(suggested.suggestions));
    // Ann owes alice from the favours and referral above, and alice knows her.
    assert.ok(top.reasons.some((r) => r.startsWith('owes the asker')), JSON.stringify(top.reasons));
    assert.ok(top.reasons.includes('known directly by firms/acme/members/alice (strength 4)'),
      JSON.stringify(top.reasons));
    const routed = await ok(asks, 'RouteAsk', { name: ask.name, helper: ann }, md);
    assert.equal(routed.routes[0].helper, ann);
    const before = await ok(ledger, 'GetBalance', { parent: 'firms/acme', party: ann, counterparty: alice }, md);
    const done = await ok(asks, 'FulfilAsk', {
      name: ask.name, helper: ann, favour: { kind: 'FAVOUR_KIND_INTRODUCTION', value_points: 25 },
    }, md);
    assert.equal(done.state, 'STATE_FULFILLED');
    assert.equal(done.fulfilled_by, ann);
    const favour = await ok(ledger, 'GetFavour', { name: done.favour }, md);
    assert.equal(favour.ask, ask.name);
    const after = await ok(ledger, 'GetBalance', { parent: 'firms/acme', party: ann, counterparty: alice }, md);
    assert.equal(Number(after.net_points) - Number(before.net_points), 25);
  });

  step('a member asks "how do I reach Globex?" and gets explained paths', async () => {
    const admin = clients[ADMIN_SERVICE];
    const contacts = clients[CONTACT_SERVICE];
    const network = clients[NETWORK_SERVICE];
    const md = bearer(firmAdminToken());
    await ok(admin, 'CreateMember', {
      parent: 'firms/acme', member_id: 'carol',
      member: { display_name: 'Carol', email: 'carol@acme.test', role: 'ROLE_MEMBER' },
    }, md);
    const carol = bearer(signJwt(
      { iss: 'refnet', role: 'member', firm: 'acme', sub: 'carol', exp: inOneHour() }, server.secret));
    // carol knows bo; bo knows ann, who works at Globex and whom alice knows.
    await ok(contacts, 'SetRelationship', {
      parent: 'firms/acme',
      relationship: { member: 'firms/acme/members/carol', contact: 'firms/acme/contacts/bo', strength: 5 },
    }, carol);
    await ok(contacts, 'ConnectContacts', {
      parent: 'firms/acme', contact: 'firms/acme/contacts/bo', other: 'firms/acme/contacts/ann',
    }, carol);
    const found = await ok(network, 'FindIntroPaths', { parent: 'firms/acme', target_organization: 'Globex' }, carol);
    assert.ok(found.paths.length >= 2, JSON.stringify(found));
    const routes = found.paths.map((p) => [p.hops[0].from, ...p.hops.map((h) => h.to)].join(' > '));
    assert.ok(routes.includes('firms/acme/members/carol > firms/acme/members/alice > firms/acme/contacts/ann'),
      JSON.stringify(routes));
    assert.ok(routes.includes('firms/acme/members/carol > firms/acme/contacts/bo > firms/acme/contacts/ann'),
      JSON.stringify(routes));
    for (const path of found.paths) {
      assert.equal(path.target, 'firms/acme/contacts/ann');
      assert.ok(path.score > 0);
      for (const hop of path.hops) {
        assert.ok(hop.reason.length > 0, `hop without a reason: ${JSON.stringify(hop)}`);
        assert.notEqual(hop.kind, 'KIND_UNSPECIFIED');
        assert.ok(hop.resource.startsWith('firms/acme/'), JSON.stringify(hop));
      }
    }
    // Every hop points at a real record.
    const viaBo = found.paths.find((p) => p.hops[0].to === 'firms/acme/contacts/bo');
    assert.equal(viaBo.hops[0].resource, 'firms/acme/members/carol/relationships/bo');
    const connections = await ok(contacts, 'ListConnections', { parent: 'firms/acme', contact: 'firms/acme/contacts/bo' }, carol);
    assert.deepEqual(connections.connections.map((c) => c.name), [viaBo.hops[1].resource]);
    await fails(network, 'FindIntroPaths', { parent: 'firms/acme', target_organization: 'Globex', max_hops: 9 },
      carol, grpc.status.INVALID_ARGUMENT);
  });

  step('carol\'s weekly review lists what to do, each item pointing at real records', async () => {
    const contacts = clients[CONTACT_SERVICE];
    const ledger = clients[LEDGER_SERVICE];
    const admin = clients[ADMIN_SERVICE];
    const reviews = clients[REVIEW_SERVICE];
    const carol = bearer(signJwt(
      { iss: 'refnet', role: 'member', firm: 'acme', sub: 'carol', exp: inOneHour() }, server.secret));
    const twoDaysAgo = { seconds: Math.floor(Date.now() / 1000) - 2 * 86400 };
    // carol met bo at an event two days ago (a follow-up is due), and bo
    // did her a favour she has not returned.
    await ok(contacts, 'LogInteraction', {
      parent: 'firms/acme', request_id: 'c1d8a2a4-7c55-4b1e-8d7e-6a0f3e2b9a10',
      interaction: {
        member: 'firms/acme/members/carol', contact: 'firms/acme/contacts/bo',
        kind: 'INTERACTION_KIND_EVENT', event_name: 'Fintech Week', occurred_at: twoDaysAgo,
      },
    }, carol);
    await ok(ledger, 'RecordFavour', {
      parent: 'firms/acme', request_id: '5e0c7b1f-2d3a-4c8e-9f61-0b7d2a4c8e13',
      favour: { giver: 'firms/acme/contacts/bo', receiver: 'firms/acme/members/carol', kind: 'FAVOUR_KIND_ADVICE', value_points: 15, occurred_at: twoDaysAgo },
    }, carol);
    const review = await ok(reviews, 'GetWeeklyReview', { member: 'firms/acme/members/carol' }, carol);
    const sections = review.items.map((i) => i.section);
    assert.ok(sections.includes('SECTION_RECIPROCATE'), JSON.stringify(review.items));
    assert.ok(sections.includes('SECTION_FOLLOW_UP'), JSON.stringify(review.items));
    const interactions = await ok(contacts, 'ListInteractions', { parent: 'firms/acme', member: 'firms/acme/members/carol' }, carol);
    const relationships = await ok(contacts, 'ListRelationships', { parent: 'firms/acme', member: 'firms/acme/members/carol' }, carol);
    for (const item of review.items) {
      assert.ok(item.reason.length > 0, JSON.stringify(item));
      assert.ok(item.resources.length > 0, JSON.stringify(item));
      for (const name of item.resources) {
        if (name.includes('/relationships/')) {
          assert.ok(relationships.relationships.some((r) => r.name === name), `no relationship ${name}`);
        } else if (name.includes('/interactions/')) {
          assert.ok(interactions.interactions.some((i) => i.name === name), `no interaction ${name}`);
        } else if (name.includes('/contacts/')) {
          await ok(contacts, 'GetContact', { name }, carol);
        } else if (name.includes('/favours/')) {
          await ok(ledger, 'GetFavour', { name }, carol);
        } else if (name.includes('/members/')) {
          await ok(admin, 'GetMember', { name }, carol);
        } else {
          assert.fail(`a review resource of an unexpected kind: ${name}`);
        }
      }
    }
    await fails(reviews, 'GetWeeklyReview', { member: 'firms/acme/members/alice' }, carol, grpc.status.PERMISSION_DENIED);
  });

  step('SIGTERM turns health NOT_SERVING and the server exits 0', async () => {
    assert.ok(!server.exit, `server already ended: ${JSON.stringify(server.exit)}`);
    const health = clients[HEALTH_SERVICE];

    // Watch the whole server's health; the first answer is the current state.
    const seen = [];
    let firstResolve;
    const first = new Promise((resolve) => { firstResolve = resolve; });
    const watchEnded = new Promise((resolve) => {
      const call = health.Watch({ service: '' });
      call.on('data', (msg) => {
        seen.push(msg.status);
        firstResolve();
        // A probe that has seen NOT_SERVING goes away, so draining need not
        // wait for this stream.
        if (msg.status === 'NOT_SERVING') call.cancel();
      });
      call.on('error', (err) => { firstResolve(); resolve({ code: err.code, details: err.details }); });
      call.on('end', () => { firstResolve(); resolve({ code: grpc.status.OK }); });
    });
    await Promise.race([first, sleep(CALL_TIMEOUT_MS, null, { ref: false })]);
    assert.deepEqual(seen, ['SERVING'], 'Health/Watch did not start with SERVING');

    server.child.kill('SIGTERM');
    const exit = await server.waitForExit();
    assert.ok(exit, `refnet-server still running ${EXIT_TIMEOUT_MS} ms after SIGTERM`);
    const watchEnd = await Promise.race([watchEnded, sleep(CALL_TIMEOUT_MS, 'still open', { ref: false })]);

    assert.ok(seen.includes('NOT_SERVING'),
      `Health/Watch never reported NOT_SERVING after SIGTERM; statuses seen: ${JSON.stringify(seen)}, stream end: ${JSON.stringify(watchEnd)}`);
    assert.deepEqual(exit, { code: 0, signal: null }, `refnet-server exit after SIGTERM: ${JSON.stringify(exit)}`);

    const after = await unary(health, 'Check', { service: '' });
    assert.ok(after.err, `Health/Check still answers after exit: ${JSON.stringify(after.res)}`);
  });
  step('after a restart the data is still there', async () => {
    assert.ok(server.exit, 'the server should have stopped in the previous step');
    for (const client of Object.values(clients)) client.close();
    await server.start();
    const Client = serviceConstructor(described[CONTACT_SERVICE].getPackageObject(LOADER_OPTIONS), CONTACT_SERVICE);
    clients[CONTACT_SERVICE] = new Client(server.address, grpc.credentials.createInsecure());
    const md = bearer(firmAdminToken());
    const ann = await ok(clients[CONTACT_SERVICE], 'GetContact', { name: 'firms/acme/contacts/ann' }, md);
    assert.equal(ann.title, 'CFO');
    assert.deepEqual(ann.phones, ['+1 555 0100']);
    server.child.kill('SIGTERM');
    const exit = await server.waitForExit();
    assert.deepEqual(exit, { code: 0, signal: null }, `refnet-server exit after SIGTERM: ${JSON.stringify(exit)}`);
  });
});
