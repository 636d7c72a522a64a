// Checks the committed AsyncAPI document with the independent AsyncAPI parser and its Avro schema
// parser: the document must have no error diagnostics, and every channel must carry a message whose
// Avro payload was actually parsed. Run by `./mvnw verify` (exec-maven-plugin) or `npm test` here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';

const DOCUMENT = fileURLToPath(new URL('../../../main/resources/asyncapi.yaml', import.meta.url));
const AVRO = 'application/vnd.apache.avro+json;version=1.9.0';

async function parse(text) {
  const parser = new Parser();
  parser.registerSchemaParser(AvroSchemaParser());
  return parser.parse(text);
}

function errorsOf(diagnostics) {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
    .map((diagnostic) => `${diagnostic.code} at ${diagnostic.path.join('.')}: ${diagnostic.message}`);
}

// What the Avro schema parser made of a payload: the JSON Schema it converted the Avro schema to.
function convertedSchema(payload) {
  const json = payload.json();
  return json.schemaFormat ? json.schema : json;
}

const committed = readFileSync(DOCUMENT, 'utf8');
const { document, diagnostics } = await parse(committed);

test('committed document has no error diagnostics', () => {
  assert.deepEqual(errorsOf(diagnostics), []);
  assert.ok(document, 'the parser returned no document');
});

test('every channel has a message with a parsed Avro payload', () => {
  const channels = document.channels().all();
  assert.ok(channels.length >= 13, `expected every catalogue topic as a channel, found ${channels.length}`);
  for (const channel of channels) {
    const messages = channel.messages().all();
    assert.ok(messages.length > 0, `channel ${channel.id()} has no message`);
    for (const message of messages) {
      assert.equal(message.schemaFormat(), AVRO, `message ${message.id()} of ${channel.id()}`);
      const payload = message.payload();
      assert.ok(payload, `message ${message.id()} of ${channel.id()} has no payload`);
      assert.ok(payload.json()['x-parser-original-payload'], `payload of ${message.id()} was not run through the Avro parser`);
      assert.ok(convertedSchema(payload).type, `payload of ${message.id()} has no converted schema type`);
    }
  }
});

test('record payloads keep their Avro fields', () => {
  const householdEvent = document.channels().get('householdEvents').messages().all()[0].payload();
  const schema = convertedSchema(householdEvent);
  assert.equal(schema.type, 'object');
  assert.deepEqual(Object.keys(schema.properties), [
    'eventId', 'department', 'occurredAt', 'reportedAt', 'subject', 'platformEventId', 'communityCode', 'fact',
  ]);
  assert.equal(schema.properties.fact.oneOf.length, 30, 'one union branch per household fact');
});

test('every channel has exactly one sending operation', () => {
  for (const channel of document.channels().all()) {
    const senders = channel.operations().all().filter((operation) => operation.action() === 'send');
    assert.equal(senders.length, 1, `channel ${channel.id()} must have one producer, found ${senders.length}`);
  }
});

test('department topics are one parameterised channel', () => {
  const channel = document.channels().all().find((candidate) => candidate.address() === 'dept.{departmentCode}.events');
  assert.ok(channel, 'no dept.{departmentCode}.events channel');
  const parameter = channel.parameters().get('departmentCode');
  assert.ok(parameter, 'no departmentCode parameter');
  assert.ok(parameter.schema().enum().includes('civil-affairs'));
});

test('an invalid Avro payload is reported as an error', async () => {
  const broken = committed.replace(/type: record/, 'type: recrod');
  assert.notEqual(broken, committed);
  const result = await parse(broken);
  assert.notDeepEqual(errorsOf(result.diagnostics), []);
});

test('a document breaking the AsyncAPI schema is reported as an error', async () => {
  const broken = committed.replace(/^ {4}address: household\.events$/m, '    address: 42');
  assert.notEqual(broken, committed);
  const result = await parse(broken);
  assert.notDeepEqual(errorsOf(result.diagnostics), []);
});
