// Deleting versions and subjects through the JS client: soft delete first, then permanent, with
// schema ids staying resolvable after a soft delete, as in Confluent Schema Registry.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Compatibility, RestError } from '@confluentinc/schemaregistry';
import { registryClient } from '../lib/support.mjs';

const client = registryClient();
after(() => client.close());

const tip = (...fields) => ({
  schemaType: 'AVRO',
  schema: JSON.stringify({
    type: 'record',
    name: 'Tip',
    namespace: 'org.zhengce.interop',
    fields: [{ name: 'tipId', type: 'string' }, ...fields],
  }),
});
const restError = (status, errorCode) => (error) => {
  assert.ok(error instanceof RestError, `expected a RestError, got ${error}`);
  assert.equal(error.status, status);
  assert.equal(error.errorCode, errorCode);
  return true;
};

describe('subject lifecycle seen by the JS client', () => {
  test('a soft-deleted version is gone from the subject but its id still resolves', async () => {
    const subject = 'interop.tips-lifecycle-value';
    await client.updateCompatibility(subject, Compatibility.BACKWARD);
    const firstId = await client.register(subject, tip());
    await client.register(subject, tip({ name: 'note', type: ['null', 'string'], default: null }));

    assert.equal(await client.deleteSubjectVersion(subject, 2), 2);
    assert.deepEqual(await client.getAllVersions(subject), [1]);

    assert.deepEqual(await client.deleteSubject(subject), [1]);
    await assert.rejects(client.getAllVersions(subject), restError(404, 40401));
    assert.equal(JSON.parse((await client.getBySubjectAndId(subject, firstId)).schema).name, 'Tip');
  });

  test('a permanent delete needs a soft delete first', async () => {
    const subject = 'interop.tips-permanent-value';
    await client.register(subject, tip());

    await assert.rejects(client.deleteSubject(subject, true), restError(404, 40405));
    assert.deepEqual(await client.deleteSubject(subject, false), [1]);
    assert.deepEqual(await client.deleteSubject(subject, true), [1]);
    assert.ok(!(await client.getAllSubjects()).includes(subject));
  });
});
