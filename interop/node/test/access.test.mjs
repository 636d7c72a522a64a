// Who may change the registry, as Confluent's JS client meets it: registering, deleting and
// changing settings need a writer's credentials (basic.auth.user.info); reading by id or version
// is open to anyone; credentials that match nobody are refused with 401.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  AvroDeserializer,
  AvroSerializer,
  Compatibility,
  RestError,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { env, registryClient } from '../lib/support.mjs';
import { plain } from '../lib/households.mjs';

const writer = registryClient();
const anonymous = registryClient(null);
const impostor = registryClient(`${env('SCHEMA_REGISTRY_USER_INFO').split(':')[0]}:not-the-password`);
after(() => Promise.all([writer.close(), anonymous.close(), impostor.close()]));

const notice = {
  schemaType: 'AVRO',
  schema: JSON.stringify({
    type: 'record',
    name: 'Notice',
    namespace: 'org.zhengce.interop',
    fields: [{ name: 'noticeId', type: 'string' }],
  }),
};

function unauthorized(error) {
  assert.ok(error instanceof RestError, `expected a RestError, got ${error}`);
  assert.equal(error.status, 401);
  assert.equal(error.errorCode, 401);
  return true;
}

describe('registry access seen by the JS client', () => {
  test('a client with basic.auth.user.info registers, changes settings and reads back', async () => {
    const subject = 'interop.access-writer-value';
    const id = await writer.register(subject, notice);

    assert.equal(await writer.updateCompatibility(subject, Compatibility.FULL), Compatibility.FULL);
    assert.equal((await writer.getLatestSchemaMetadata(subject)).id, id);
    assert.equal(JSON.parse((await writer.getBySubjectAndId(subject, id)).schema).name, 'Notice');
    assert.deepEqual(await writer.deleteSubject(subject), [1]);
  });

  test('an anonymous client may not register, change settings or delete', async () => {
    const subject = 'interop.access-anonymous-value';
    await assert.rejects(anonymous.register(subject, notice), unauthorized);
    await assert.rejects(anonymous.updateDefaultCompatibility(Compatibility.NONE), unauthorized);
    await assert.rejects(anonymous.updateCompatibility(subject, Compatibility.NONE), unauthorized);
    await assert.rejects(anonymous.deleteSubject(subject), unauthorized);

    assert.equal(await writer.getDefaultCompatibility(), Compatibility.BACKWARD_TRANSITIVE);
    await assert.rejects(writer.getLatestSchemaMetadata(subject), (error) => error instanceof RestError && error.status === 404);
  });

  test('an anonymous consumer reads what a writer serialised', async () => {
    const topic = 'interop.access-notices';
    const serializer = new AvroSerializer(writer, SerdeType.VALUE, { autoRegisterSchemas: true });
    const payload = await serializer.serialize(topic, { noticeId: 'notice-2024-0001' });

    const deserializer = new AvroDeserializer(anonymous, SerdeType.VALUE, {});
    assert.deepStrictEqual(plain(await deserializer.deserialize(topic, payload)), { noticeId: 'notice-2024-0001' });
    assert.equal((await anonymous.getLatestSchemaMetadata(`${topic}-value`)).version, 1);
  });

  test('a wrong password is refused even for a read', async () => {
    await assert.rejects(impostor.register('interop.access-impostor-value', notice), unauthorized);
    await assert.rejects(impostor.getDefaultCompatibility(), unauthorized);
  });
});
