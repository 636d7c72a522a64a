// Complete answers and data contracts through Confluent's JS client, as Confluent Platform 8 gives
// them: register answers id, version, guid and schema; metadata and rule sets are kept with each
// version and returned wherever it is; GUIDs, latest-with-metadata, every config field, deleted
// listings, ids' versions and subjects, contexts. Where the client has no method the REST
// endpoint is called with fetch and its exact body asserted.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Compatibility, RestError } from '@confluentinc/schemaregistry';
import { env, registryClient } from '../lib/support.mjs';

const client = registryClient();
after(() => client.close());

const payment = (...fields) =>
  JSON.stringify({
    type: 'record',
    name: 'Payment',
    namespace: 'org.zhengce.interop',
    fields: [{ name: 'paymentId', type: 'string' }, { name: 'amountFen', type: 'long' }, ...fields],
  });
const metadata = {
  properties: { owner: 'intake', release: '1' },
  tags: { amountFen: ['PII', 'MONEY'] },
  sensitive: ['paymentId'],
};
const ruleSet = {
  domainRules: [
    {
      name: 'nonNegative',
      kind: 'CONDITION',
      mode: 'WRITE',
      type: 'CEL',
      expr: 'message.amountFen >= 0',
      onFailure: 'DLQ',
      params: { 'dlq.topic': 'interop.payments-dlq' },
    },
  ],
};
// The registry keeps tags and sensitive fields as sets: sorted, as Confluent returns them.
const storedMetadata = { ...metadata, tags: { amountFen: ['MONEY', 'PII'] } };

const restError = (status, errorCode) => (error) => {
  assert.ok(error instanceof RestError, `expected a RestError, got ${error}`);
  assert.equal(error.status, status);
  assert.equal(error.errorCode, errorCode);
  return true;
};

/** A REST call as Confluent's clients make it: the writer's basic credentials, Confluent's media type. */
async function rest(path, { method = 'GET', body } = {}) {
  const response = await fetch(env('SCHEMA_REGISTRY_URL') + path, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(env('SCHEMA_REGISTRY_USER_INFO')).toString('base64')}`,
      Accept: 'application/vnd.schemaregistry.v1+json',
      'Content-Type': 'application/vnd.schemaregistry.v1+json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

describe('data contracts and complete answers seen by the JS client', () => {
  test('registerFullResponse answers id, version, guid, metadata, ruleSet and schema', async () => {
    const subject = 'interop.payments-contract-value';
    const registered = await client.registerFullResponse(subject, {
      schemaType: 'AVRO',
      schema: payment(),
      metadata,
      ruleSet,
    });

    assert.deepEqual(Object.keys(registered).sort(), ['guid', 'id', 'metadata', 'ruleSet', 'schema', 'version']);
    assert.equal(registered.version, 1);
    assert.match(registered.guid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(registered.metadata, storedMetadata);
    assert.deepEqual(registered.ruleSet, ruleSet);
    assert.equal(JSON.parse(registered.schema).name, 'Payment');

    const latest = await client.getLatestSchemaMetadata(subject);
    assert.equal(latest.id, registered.id);
    assert.equal(latest.guid, registered.guid);
    assert.deepEqual(latest.metadata, storedMetadata);
    assert.deepEqual(latest.ruleSet, ruleSet);
    const byId = await client.getBySubjectAndId(subject, registered.id);
    assert.deepEqual(byId.metadata, storedMetadata);
    assert.deepEqual(byId.ruleSet, ruleSet);
    const byGuid = await client.getByGuid(registered.guid);
    assert.equal(byGuid.schema, registered.schema);
    assert.deepEqual(byGuid.ruleSet, ruleSet);
  });

  test('getVersion, getIdFullResponse and testCompatibility(subject, version) work on what was registered', async () => {
    const subject = 'interop.payments-versions-value';
    const info = { schemaType: 'AVRO', schema: payment(), metadata, ruleSet };
    const registered = await client.registerFullResponse(subject, info);

    assert.equal(await client.getVersion(subject, info), registered.version);
    const found = await client.getIdFullResponse(subject, info);
    assert.equal(found.id, registered.id);
    assert.equal(found.version, registered.version);
    assert.equal(found.guid, registered.guid);
    const withNote = { schemaType: 'AVRO', schema: payment({ name: 'note', type: ['null', 'string'], default: null }) };
    assert.equal(await client.testCompatibility(subject, registered.version, withNote), true);
    assert.equal(await client.testCompatibility(subject, registered.version, { schemaType: 'AVRO', schema: payment({ name: 'urgency', type: 'int' }) }), false);
    await assert.rejects(client.testCompatibility(subject, 7, withNote), restError(404, 40402));
  });

  test('the same schema with another contract is a new version with a new id; without one it keeps the latest', async () => {
    const subject = 'interop.payments-identity-value';
    const first = await client.registerFullResponse(subject, { schemaType: 'AVRO', schema: payment(), metadata });
    const second = await client.registerFullResponse(subject, {
      schemaType: 'AVRO',
      schema: payment(),
      metadata: { properties: { owner: 'intake', release: '2' } },
    });
    assert.equal(second.version, 2);
    assert.notEqual(second.id, first.id);
    assert.notEqual(second.guid, first.guid);

    const plain = await rest(`/subjects/${subject}/versions`, { method: 'POST', body: { schema: payment() } });
    assert.equal(plain.status, 200);
    assert.equal(plain.body.version, 2);
    assert.deepEqual(plain.body.metadata, { properties: { owner: 'intake', release: '2' } });
  });

  test('getLatestWithMetadata finds the latest version with the given properties', async () => {
    const subject = 'interop.payments-by-metadata-value';
    await client.registerFullResponse(subject, { schemaType: 'AVRO', schema: payment(), metadata });
    await client.registerFullResponse(subject, {
      schemaType: 'AVRO',
      schema: payment({ name: 'note', type: ['null', 'string'], default: null }),
      metadata: { properties: { owner: 'intake', release: '2' } },
    });

    assert.equal((await client.getLatestWithMetadata(subject, { owner: 'intake', release: '1' })).version, 1);
    const latest = await client.getLatestWithMetadata(subject, { owner: 'intake' });
    assert.equal(latest.version, 2);
    assert.equal(latest.subject, subject);
    await assert.rejects(client.getLatestWithMetadata(subject, { release: '9' }), restError(404, 40403));
    await assert.rejects(
      client.getLatestWithMetadata('interop.no-such-subject-value', { release: '1' }),
      restError(404, 40401),
    );
  });

  test('subject defaults and overrides in config are laid under and over a version\'s own contract', async () => {
    const subject = 'interop.payments-layered-value';
    await client.updateConfig(subject, {
      defaultMetadata: { properties: { domain: 'payments', owner: 'platform' } },
      overrideMetadata: { properties: { release: 'pinned' } },
      defaultRuleSet: { domainRules: [{ name: 'nonNegative', type: 'CEL', expr: 'true' }] },
    });

    const registered = await client.registerFullResponse(subject, { schemaType: 'AVRO', schema: payment(), metadata, ruleSet });
    assert.deepEqual(registered.metadata.properties, { domain: 'payments', owner: 'intake', release: 'pinned' });
    assert.deepEqual(registered.ruleSet, ruleSet);
  });

  test('updateConfig keeps normalize, compatibilityGroup, validateFields, alias and contract settings; getConfig returns them', async () => {
    const subject = 'interop.payments-settings-value';
    const settings = {
      compatibility: Compatibility.FORWARD,
      normalize: true,
      compatibilityGroup: 'application.major.version',
      validateFields: true,
      alias: 'interop.payments-value',
      defaultMetadata: { properties: { owner: 'intake' } },
      overrideRuleSet: ruleSet,
    };
    assert.deepEqual(await client.updateConfig(subject, settings), settings);
    assert.deepEqual(await client.updateConfig(subject, { normalize: false }), { normalize: false });

    const { compatibility, ...kept } = settings;
    assert.deepEqual(await client.getConfig(subject), { ...kept, compatibilityLevel: compatibility, normalize: false });
    const unset = await rest('/config/interop.payments-unset-value');
    assert.deepEqual(unset, {
      status: 404,
      body: { error_code: 40408, message: unset.body.message },
    });
    const inherited = await rest('/config/interop.payments-unset-value?defaultToGlobal=true');
    assert.equal(inherited.status, 200);
    assert.equal(inherited.body.compatibilityLevel, Compatibility.BACKWARD_TRANSITIVE);
    await assert.rejects(client.updateConfig(subject, { compatibility: 'SIDEWAYS' }), restError(422, 42203));
  });

  test('?normalize=true on register and look-up finds the same version', async () => {
    const subject = 'interop.payments-normalized-value';
    const compact = payment();
    const pretty = JSON.stringify(JSON.parse(compact), null, 2);
    const registered = await client.registerFullResponse(subject, { schemaType: 'AVRO', schema: compact }, true);
    const again = await client.registerFullResponse(subject, { schemaType: 'AVRO', schema: pretty }, true);
    assert.equal(again.id, registered.id);
    assert.equal(await client.getVersion(subject, { schemaType: 'AVRO', schema: pretty }, true), 1);
  });

  test('deleted and deletedOnly listings, ids\' versions and subjects answer Confluent\'s shapes', async () => {
    const subject = 'interop.payments-listings-value';
    const other = 'interop.payments-listings-copy-value';
    // A schema of this test's own, so that no other subject holds its id.
    const listed = (...fields) => payment({ name: 'listed', type: 'boolean', default: true }, ...fields);
    const v1 = await client.register(subject, { schemaType: 'AVRO', schema: listed() });
    await client.register(subject, { schemaType: 'AVRO', schema: listed({ name: 'note', type: ['null', 'string'], default: null }) });
    await client.register(other, { schemaType: 'AVRO', schema: listed() });
    await client.deleteSubjectVersion(subject, 1);

    assert.deepEqual((await rest(`/subjects/${subject}/versions`)).body, [2]);
    assert.deepEqual((await rest(`/subjects/${subject}/versions?deleted=true`)).body, [1, 2]);
    assert.deepEqual((await rest(`/subjects/${subject}/versions?deletedOnly=true`)).body, [1]);
    assert.deepEqual((await rest(`/schemas/ids/${v1}/versions`)).body, [{ subject: other, version: 1 }]);
    assert.deepEqual((await rest(`/schemas/ids/${v1}/versions?deleted=true`)).body, [
      { subject: other, version: 1 },
      { subject, version: 1 },
    ]);
    assert.deepEqual((await rest(`/schemas/ids/${v1}/subjects`)).body, [other]);

    await client.deleteSubject(other);
    assert.ok(!(await client.getAllSubjects()).includes(other));
    assert.ok((await rest('/subjects?deleted=true')).body.includes(other));
    const deletedOnly = (await rest('/subjects?deletedOnly=true')).body;
    assert.ok(deletedOnly.includes(other) && !deletedOnly.includes(subject));
    assert.deepEqual(await rest(`/subjects/${other}/versions/1`), {
      status: 404,
      body: { error_code: 40401, message: `Subject '${other}' not found.` },
    });
  });

  test('a context is a namespace of subjects', async () => {
    const subject = ':.department-a:interop.payments-value';
    const id = await client.register(subject, { schemaType: 'AVRO', schema: payment() });
    assert.equal((await client.getLatestSchemaMetadata(subject)).id, id);
    assert.deepEqual((await rest('/subjects?subjectPrefix=:.department-a:')).body, [subject]);
    assert.ok((await rest('/contexts')).body.includes('.department-a'));
  });

  test('DELETE /contexts/{context} is refused while a subject remains, then answers 204 without a body', async () => {
    const subject = ':.department-c:interop.payments-value';
    await client.register(subject, { schemaType: 'AVRO', schema: payment() });
    const notEmpty = {
      status: 422,
      body: { error_code: 42211, message: "The specified context ':.department-c:' is not empty." },
    };
    assert.deepEqual(await rest('/contexts/.department-c', { method: 'DELETE' }), notEmpty);
    await client.deleteSubject(subject);
    assert.deepEqual(await rest('/contexts/.department-c', { method: 'DELETE' }), notEmpty,
      'a soft-deleted subject still holds its context');

    await client.deleteSubject(subject, true);
    assert.deepEqual(await rest('/contexts/.department-c', { method: 'DELETE' }), { status: 204, body: null });
    assert.ok(!(await rest('/contexts')).body.includes('.department-c'));
    assert.deepEqual(await rest('/contexts/.never-used', { method: 'DELETE' }), { status: 204, body: null });
  });

  test('an unknown GUID is 404/40403', async () => {
    await assert.rejects(client.getByGuid('00000000-0000-0000-0000-000000000000'), restError(404, 40403));
  });
});
