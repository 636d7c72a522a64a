// Records written by Confluent's JS AvroSerializer and kafkajs, for our Java deserializer to read
// (JavaScriptClientsInteropTest asserts the values after this file has run).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { AvroSerializer, Compatibility, SerdeType } from '@confluentinc/schemaregistry';
import { env, produce, readTextFile, registryClient, schemaIdOf } from '../lib/support.mjs';
import { javaScriptSide, visit } from '../lib/households.mjs';

const client = registryClient();
after(() => client.close());

describe('JS serialises, Java deserialises', () => {
  test('HouseholdEvent registered from JS and serialised with useLatestVersion is produced', async () => {
    const topic = env('JS_HOUSEHOLDS_TOPIC');
    const subject = `${topic}-value`;
    await client.updateCompatibility(subject, Compatibility.BACKWARD);
    const id = await client.register(subject, { schemaType: 'AVRO', schema: readTextFile('HOUSEHOLD_EVENT_SCHEMA_FILE') });
    assert.equal(id, Number(env('JAVA_HOUSEHOLDS_SCHEMA_ID')), 'the same schema has one global id in every subject');

    const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
    const records = [];
    for (const event of javaScriptSide) {
      records.push({ key: event.key, value: await serializer.serialize(topic, event.value) });
    }
    assert.deepEqual(records.map((record) => schemaIdOf(record.value)), [id, id]);
    await produce(topic, records);
  });

  test('a record whose schema the JS serializer infers is auto-registered and produced', async () => {
    const topic = env('JS_VISITS_TOPIC');
    const subject = `${topic}-value`;
    await client.updateCompatibility(subject, Compatibility.BACKWARD);

    const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true });
    const value = await serializer.serialize(topic, visit.value);
    await produce(topic, [{ key: visit.key, value }]);

    const latest = await client.getLatestSchemaMetadata(subject);
    assert.equal(schemaIdOf(value), latest.id);
    assert.deepStrictEqual(JSON.parse(latest.schema), {
      type: 'record',
      name: 'Record1',
      fields: [
        { name: 'visitId', type: 'string' },
        { name: 'householdNumber', type: 'string' },
        { name: 'urgency', type: 'int' },
        { name: 'note', type: 'string' },
      ],
    });
  });
});
