// A consumer pinned to the subject's latest version reads records written with an older one: the
// JS deserializer looks the writer's version up (POST /subjects/{subject}?deleted=true) and
// resolves old data to the new shape, filling the new field's default.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { AvroDeserializer, AvroSerializer, Compatibility, SerdeType } from '@confluentinc/schemaregistry';
import { registryClient } from '../lib/support.mjs';
import { plain } from '../lib/households.mjs';

const tip = (...fields) => ({
  schemaType: 'AVRO',
  schema: JSON.stringify({
    type: 'record',
    name: 'Tip',
    namespace: 'org.zhengce.interop',
    fields: [{ name: 'tipId', type: 'string' }, ...fields],
  }),
});

// One client per role: the JS client caches "latest" without expiry unless cacheLatestTtlSecs is set.
const writerClient = registryClient();
const readerClient = registryClient();
after(() => Promise.all([writerClient.close(), readerClient.close()]));

describe('schema evolution seen by the JS serdes', () => {
  test('a reader on the latest version reads a record written with version 1, with the new default', async () => {
    const topic = 'interop.tips-evolution';
    const subject = `${topic}-value`;
    await writerClient.updateCompatibility(subject, Compatibility.BACKWARD);
    await writerClient.register(subject, tip());
    const writer = new AvroSerializer(writerClient, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
    const oldRecord = await writer.serialize(topic, { tipId: 'tip-2024-0007' });

    await writerClient.register(subject, tip({ name: 'urgency', type: 'int', default: 2 }));
    const reader = new AvroDeserializer(readerClient, SerdeType.VALUE, { useLatestVersion: true });

    assert.deepStrictEqual(plain(await reader.deserialize(topic, oldRecord)), { tipId: 'tip-2024-0007', urgency: 2 });
  });
});
