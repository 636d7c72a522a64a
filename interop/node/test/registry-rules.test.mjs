// Registry behaviour the JS client relies on: config calls, and how a refused registration
// reaches the caller (Confluent answers 409 with error_code 409; the client throws RestError).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Compatibility, RestError } from '@confluentinc/schemaregistry';
import { registryClient } from '../lib/support.mjs';

const client = registryClient();
after(() => client.close());

const visitV1 = JSON.stringify({
  type: 'record',
  name: 'Visit',
  namespace: 'org.zhengce.interop',
  fields: [{ name: 'visitId', type: 'string' }],
});
// A new required field without a default: new readers cannot read old visits.
const visitWithRequiredUrgency = JSON.stringify({
  type: 'record',
  name: 'Visit',
  namespace: 'org.zhengce.interop',
  fields: [
    { name: 'visitId', type: 'string' },
    { name: 'urgency', type: 'int' },
  ],
});

describe('registry rules seen by the JS client', () => {
  // Confluent ships BACKWARD; our registry deliberately defaults to BACKWARD_TRANSITIVE
  // (registry.default-compatibility in schema-registry.yml). The client reads it either way.
  test('global default compatibility is read by getDefaultCompatibility and getDefaultConfig', async () => {
    assert.equal(await client.getDefaultCompatibility(), Compatibility.BACKWARD_TRANSITIVE);
    assert.equal((await client.getDefaultConfig()).compatibilityLevel, Compatibility.BACKWARD_TRANSITIVE);
  });

  test('subject compatibility set with updateCompatibility is read back by getCompatibility and getConfig', async () => {
    const subject = 'interop.config-roundtrip-value';
    assert.equal(await client.updateCompatibility(subject, Compatibility.FULL_TRANSITIVE), Compatibility.FULL_TRANSITIVE);
    assert.equal(await client.getCompatibility(subject), Compatibility.FULL_TRANSITIVE);
    assert.equal((await client.getConfig(subject)).compatibilityLevel, Compatibility.FULL_TRANSITIVE);

    const updated = await client.updateConfig(subject, { compatibility: Compatibility.NONE });
    assert.equal(updated.compatibility, Compatibility.NONE);
    assert.equal(await client.getCompatibility(subject), Compatibility.NONE);
  });

  test('registering an incompatible change is refused with RestError status 409 and errorCode 409', async () => {
    const subject = 'interop.incompatible-change-value';
    await client.updateCompatibility(subject, Compatibility.BACKWARD);
    const firstId = await client.register(subject, { schemaType: 'AVRO', schema: visitV1 });

    await assert.rejects(
      client.register(subject, { schemaType: 'AVRO', schema: visitWithRequiredUrgency }),
      (error) => {
        assert.ok(error instanceof RestError, `expected a RestError, got ${error}`);
        assert.equal(error.status, 409);
        assert.equal(error.errorCode, 409);
        assert.match(error.message, /incompatible/i);
        return true;
      },
    );
    assert.deepEqual(await client.getAllVersions(subject), [1]);
    assert.equal((await client.getLatestSchemaMetadata(subject)).id, firstId);
  });

  test('registering a schema that is not valid Avro is a RestError 422 with error code 42201', async () => {
    await assert.rejects(
      client.register('interop.invalid-schema-value', { schemaType: 'AVRO', schema: '{"type": "record", "name": "NoFields"}' }),
      (error) => {
        assert.ok(error instanceof RestError, `expected a RestError, got ${error}`);
        assert.equal(error.status, 422);
        assert.equal(error.errorCode, 42201);
        return true;
      },
    );
  });

  // The serdes' default subject name strategy (ASSOCIATED) asks /associations first and falls back
  // to the topic name only on a 404; any other answer would break every serialize call.
  test('the associations lookup of the default subject name strategy is a 404, so it falls back to the topic name', async () => {
    await assert.rejects(
      client.getAssociationsByResourceName('interop.java-households', '-', 'topic', ['value'], null, 0, -1),
      (error) => {
        assert.ok(error instanceof RestError, `expected a RestError, got ${error}`);
        assert.equal(error.status, 404);
        return true;
      },
    );
  });

  test('looking up an unknown subject is a RestError 404 with error code 40401', async () => {
    await assert.rejects(client.getLatestSchemaMetadata('interop.never-registered-value'), (error) => {
      assert.ok(error instanceof RestError, `expected a RestError, got ${error}`);
      assert.equal(error.status, 404);
      assert.equal(error.errorCode, 40401);
      return true;
    });
  });
});
