// Our registry's compatibility answers, asked through Confluent's JS client, must equal what
// Avro's SchemaCompatibility says for the subject's level. The Java orchestrator computes the
// expected answers (CompatibilityCases.java) and writes them to COMPATIBILITY_CASES_FILE.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { RestError } from '@confluentinc/schemaregistry';
import { readJsonFile, registryClient } from '../lib/support.mjs';

const { cases } = readJsonFile('COMPATIBILITY_CASES_FILE');
const client = registryClient();
after(() => client.close());

const avro = (schema) => ({ schemaType: 'AVRO', schema });

describe('compatibility answers equal Avro SchemaCompatibility', () => {
  test('the case list is not empty', () => {
    assert.ok(cases.length >= 10, `only ${cases.length} cases`);
  });

  for (const c of cases) {
    test(`${c.name} (${c.level})`, async () => {
      const subject = `interop.compatibility.${c.name}-value`;
      await client.updateConfig(subject, { compatibility: c.level });
      assert.equal(await client.getCompatibility(subject), c.level);

      for (const schema of c.history) {
        assert.ok((await client.register(subject, avro(schema))) > 0, 'a registered schema has a positive id');
      }
      const versions = await client.getAllVersions(subject);
      assert.equal(versions.length, c.history.length);
      const latestVersion = versions.at(-1);

      const candidate = avro(c.candidate);
      assert.equal(await client.testSubjectCompatibility(subject, candidate), c.compatibleWithLatest,
        'POST /compatibility/subjects/{subject}/versions/latest');
      assert.equal(await client.testCompatibility(subject, latestVersion, candidate), c.compatibleWithLatest,
        `POST /compatibility/subjects/{subject}/versions/${latestVersion}`);

      if (c.registrable) {
        const id = await client.register(subject, candidate);
        assert.ok(id > 0);
        assert.deepEqual(await client.getAllVersions(subject), [...versions, latestVersion + 1]);
      } else {
        await assert.rejects(client.register(subject, candidate), (error) => {
          assert.ok(error instanceof RestError, `expected a RestError, got ${error}`);
          assert.equal(error.status, 409);
          assert.equal(error.errorCode, 409);
          return true;
        });
      }
    });
  }
});
