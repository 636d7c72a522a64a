// A decision delivery as intake signs it, verified with the Standard Webhooks reference library (the npm package
// standardwebhooks, from the specification's own repository). The fixture is intake's: intake's WebhookSignatureTest
// checks that intake's signer makes exactly this signature, so the library here verifies what our Java code produces.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, mock, test } from 'node:test';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

const fixture = JSON.parse(readFileSync(
  new URL('../../../intake-service/src/test/resources/webhooks/signed-delivery.json', import.meta.url), 'utf8'));
const headers = fixture.headers;
const attemptedAt = Number(headers['webhook-timestamp']) * 1000;

describe('a webhook delivery signed by intake, verified by the reference library', () => {
  afterEach(() => mock.timers.reset());

  test('verify() accepts it at the time it was sent and returns the decision', () => {
    mock.timers.enable({ apis: ['Date'], now: attemptedAt + 30_000 });
    const payload = new Webhook(fixture.secret).verify(fixture.body, headers);
    assert.equal(payload.type, 'assistance_decision.shared');
    assert.equal(payload.data.eventId, headers['webhook-id']);
    assert.equal(payload.cursor, 7);
  });

  test('sign() makes the same webhook-signature for the same id, timestamp and body', () => {
    const signature = new Webhook(fixture.secret).sign(headers['webhook-id'], new Date(attemptedAt), fixture.body);
    assert.equal(signature, headers['webhook-signature']);
  });

  test('a body changed by one character, another secret or a replay an hour later is refused', () => {
    mock.timers.enable({ apis: ['Date'], now: attemptedAt });
    const webhook = new Webhook(fixture.secret);
    assert.throws(() => webhook.verify(fixture.body.replace('98000', '98001'), headers), WebhookVerificationError);
    assert.throws(
      () => new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(fixture.body, headers),
      WebhookVerificationError);
    mock.timers.setTime(attemptedAt + 3_600_000);
    assert.throws(() => webhook.verify(fixture.body, headers), /timestamp too old/);
  });
});
