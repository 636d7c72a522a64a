// Records written by our Java ConfluentAvroSerializer (auto-register) through our broker are read
// by kafkajs and Confluent's JS AvroDeserializer, which fetches the writer schema from our registry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AvroDeserializer, SerdeType } from '@confluentinc/schemaregistry';
import { consume, env, readTextFile, registryClient, schemaIdOf } from '../lib/support.mjs';
import { javaSide, plain } from '../lib/households.mjs';

const topic = env('JAVA_HOUSEHOLDS_TOPIC');
const subject = `${topic}-value`;
const javaSchemaId = Number(env('JAVA_HOUSEHOLDS_SCHEMA_ID'));
const householdSchema = readTextFile('HOUSEHOLD_EVENT_SCHEMA_FILE');

const client = registryClient();
after(() => client.close());

describe('Java serialises HouseholdEvent, JS deserialises', () => {
  let messages;
  before(async () => {
    messages = await consume(topic, javaSide.length);
  });

  test('every record carries the schema id Java registered', () => {
    assert.deepEqual(
      messages.map((message) => schemaIdOf(message.value)),
      javaSide.map(() => javaSchemaId),
    );
  });

  test('AvroDeserializer reads the exact values Java wrote, fact union and logical types included', async () => {
    const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
    const read = [];
    for (const message of messages) {
      read.push({ key: message.key.toString(), value: plain(await deserializer.deserialize(topic, message.value)) });
    }
    assert.deepStrictEqual(read, javaSide);
  });

  test('getLatestSchemaMetadata returns the schema, id and version Java registered', async () => {
    const latest = await client.getLatestSchemaMetadata(subject);
    assert.equal(latest.id, javaSchemaId);
    assert.equal(latest.version, 1);
    assert.equal(latest.subject, subject);
    assert.deepStrictEqual(JSON.parse(latest.schema), JSON.parse(householdSchema));
  });

  test('getBySubjectAndId returns the schema Java registered', async () => {
    const info = await client.getBySubjectAndId(subject, javaSchemaId);
    assert.deepStrictEqual(JSON.parse(info.schema), JSON.parse(householdSchema));
  });

  test('getId and getVersion find the Java-registered schema from its text', async () => {
    const schema = { schemaType: 'AVRO', schema: householdSchema };
    assert.equal(await client.getId(subject, schema), javaSchemaId);
    assert.equal(await client.getVersion(subject, schema), 1);
  });
});
