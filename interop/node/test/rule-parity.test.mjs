// Rule parity: the contract JavaScriptClientsInteropTest registered (RuleParityCases.java) run by Confluent's JS
// AvroSerializer and AvroDeserializer with their CEL executors, against the verdicts Confluent's documented
// semantics give and against what our Java serde wrote. Each record's verdict is written to
// RULE_PARITY_JS_VERDICTS_FILE for the Java side to compare and read.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import {
  AvroDeserializer,
  AvroSerializer,
  CelExecutor,
  CelFieldExecutor,
  RuleError,
  SerdeType,
  SerializationError,
} from '@confluentinc/schemaregistry';
import { env, readJsonFile, registryClient } from '../lib/support.mjs';

// Confluent's way: each executor registers itself with the global RuleRegistry the serdes use by default.
CelExecutor.register();
CelFieldExecutor.register();

const { topic, subject, contract, cases } = readJsonFile('RULE_PARITY_CASES_FILE');
const javaVerdicts = new Map(readJsonFile('RULE_PARITY_JAVA_VERDICTS_FILE').verdicts.map((v) => [v.name, v]));
const client = registryClient();
after(() => client.close());

/** The rule a JS refusal names: ErrorAction's message is "rule <name> failed: ...". */
const ruleOf = (error) => /^rule (\S+) failed/.exec(error.message)?.[1] ?? null;
const plain = (value) => JSON.parse(JSON.stringify(value));

describe('data-contract rules: Confluent JS serde and ours agree', () => {
  const verdicts = [];
  after(() => writeFileSync(env('RULE_PARITY_JS_VERDICTS_FILE'), JSON.stringify({ verdicts }, null, 2)));

  test('the cases accept some records and refuse others, and the contract is the registered one', async () => {
    assert.ok(cases.filter((c) => c.refusedOnWriteBy === null).length >= 3, 'records accepted on write');
    assert.ok(cases.filter((c) => c.refusedOnWriteBy !== null).length >= 3, 'records refused on write');
    assert.ok(cases.some((c) => c.refusedOnReadBy !== null), 'a record refused on read');
    const latest = await client.getLatestSchemaMetadata(subject);
    assert.deepEqual(latest.ruleSet, contract.ruleSet);
  });

  for (const c of cases) {
    test(`JS serialiser on ${c.name}`, async () => {
      const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
      let payload = null;
      let error = null;
      try {
        // the serializer's field transforms change the value it is given: each call gets its own copy
        payload = await serializer.serialize(topic, structuredClone(c.value));
      } catch (e) {
        error = e;
      }
      verdicts.push({
        name: c.name,
        payload: payload?.toString('hex') ?? null,
        errorType: error?.constructor.name ?? null,
        rule: error ? ruleOf(error) : null,
        message: error?.message ?? null,
      });

      if (c.javaScript !== null && c.javaScript.errorType === null) {
        // a known difference: JS writes another value (the Java side reads it: c.javaScript.written)
        assert.ok(payload !== null, `${c.name}: refused with ${error?.message}`);
        assert.notEqual(payload.toString('hex'), javaVerdicts.get(c.name).payload, c.javaScript.why);
        return;
      }
      if (c.javaScript !== null && c.javaScript.errorType === null) {
        // a known difference: JS writes another value (the Java side reads it: c.javaScript.written)
        assert.ok(payload !== null, `${c.name}: refused with ${error?.message}`);
        assert.notEqual(payload.toString('hex'), javaVerdicts.get(c.name).payload, c.javaScript.why);
        return;
      }
      if (c.javaScript !== null && c.javaScript.errorType === null) {
        // a known difference: JS writes another value (the Java side reads it: c.javaScript.written)
        assert.ok(payload !== null, `${c.name}: refused with ${error?.message}`);
        assert.notEqual(payload.toString('hex'), javaVerdicts.get(c.name).payload, c.javaScript.why);
        return;
      }
      if (c.javaScript !== null) {
        // a known difference from Confluent's semantics (interop/README.md, "Known differences")
        assert.equal(payload, null, `${c.name}: JS was expected to refuse (${c.javaScript.why})`);
        assert.equal(error.constructor.name, c.javaScript.errorType);
        assert.ok(error.message.startsWith(c.javaScript.errorMessage), error.message);
        return;
      }
      if (c.refusedOnWriteBy !== null) {
        assert.ok(error instanceof SerializationError, `${c.name}: expected a SerializationError, got ${error}`);
        assert.equal(ruleOf(error), c.refusedOnWriteBy, error.message);
        return;
      }
      assert.equal(error, null, `${c.name}: refused with ${error?.message}`);
      const ours = javaVerdicts.get(c.name);
      assert.ok(ours.payload !== null, `${c.name}: our serializer refused it (${ours.message})`);
      assert.equal(payload.toString('hex'), ours.payload, `${c.name}: JS and Java write the same bytes`);
    });
  }

  test('a DLQ rule: the JS client has no DLQ action and refuses with a RuleError naming the action', async () => {
    const dlqCase = cases.find((c) => c.refusedOnWriteBy === 'communityCodeTwelveDigits');
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
    await assert.rejects(serializer.serialize(topic, structuredClone(dlqCase.value)), (error) => {
      assert.ok(error instanceof RuleError && !(error instanceof SerializationError), `got ${error}`);
      assert.equal(error.message, 'Could not find rule action of type DLQ');
      return true;
    });
  });

  for (const c of cases.filter((c) => c.refusedOnWriteBy === null)) {
    test(`JS deserialiser applies the READ rules to what Java wrote: ${c.name}`, async () => {
      const ours = javaVerdicts.get(c.name);
      assert.ok(ours.payload !== null, `${c.name}: our serializer refused it (${ours.message})`);
      const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
      const reading = deserializer.deserialize(topic, Buffer.from(ours.payload, 'hex'));
      if (c.javaScriptRead !== null) {
        // a known difference: Confluent's semantics (and our deserializer) refuse it, the JS client reads it
        assert.deepStrictEqual(plain(await reading), c.javaScriptRead.value, c.javaScriptRead.why);
      } else if (c.refusedOnReadBy !== null) {
        await assert.rejects(reading, (error) => {
          assert.ok(error instanceof SerializationError, `got ${error}`);
          assert.equal(ruleOf(error), c.refusedOnReadBy, error.message);
          return true;
        });
      } else {
        assert.deepStrictEqual(plain(await reading), c.read);
      }
    });
  }
});
