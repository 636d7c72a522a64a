// Shared plumbing for the interop tests: the stack's addresses from the environment (set by
// JavaScriptClientsInteropTest), a registry client, a kafkajs client and a bounded consume.
import { readFileSync } from 'node:fs';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

/** The value of a variable the Java orchestrator sets; fails with its name when missing. */
export function env(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: run these tests through ./mvnw -pl interop -am verify`);
  }
  return value;
}

export function readJsonFile(variable) {
  return JSON.parse(readFileSync(env(variable), 'utf8'));
}

export function readTextFile(variable) {
  return readFileSync(env(variable), 'utf8');
}

/**
 * Confluent's own client, no retries, so that an error answer reaches the test unchanged. It sends the
 * registry writer's credentials as Confluent's clients do (basic.auth.credentials.source=USER_INFO,
 * basic.auth.user.info), or the `userInfo` given; `null` for an anonymous client.
 */
export function registryClient(userInfo = env('SCHEMA_REGISTRY_USER_INFO')) {
  const config = { baseURLs: [env('SCHEMA_REGISTRY_URL')], maxRetries: 0 };
  if (userInfo !== null) {
    config.basicAuthCredentials = { credentialsSource: 'USER_INFO', userInfo };
  }
  return new SchemaRegistryClient(config);
}

export function kafka(clientId) {
  return new Kafka({
    clientId,
    brokers: env('KAFKA_BOOTSTRAP_SERVERS').split(','),
    logLevel: logLevel.WARN,
    retry: { retries: 5 },
  });
}

/** The schema id of a Confluent wire-format payload: magic byte 0, then a big-endian int. */
export function schemaIdOf(payload) {
  if (payload.length < 5 || payload.readUInt8(0) !== 0) {
    throw new Error(`not a Confluent wire-format payload: ${payload.toString('hex')}`);
  }
  return payload.readInt32BE(1);
}

/**
 * Reads `count` records of a topic from its beginning with a fresh consumer group, or fails
 * after `timeoutMs`. Returns the raw kafkajs messages in partition order.
 */
export async function consume(topic, count, timeoutMs = 30_000) {
  const consumer = kafka(`interop-consume-${topic}`).consumer({
    groupId: `interop-node-${topic}`,
    sessionTimeout: 10_000,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const messages = [];
    let timer;
    await new Promise((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`only ${messages.length} of ${count} records read from ${topic} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ message }) => {
            messages.push(message);
            if (messages.length >= count) {
              resolve();
            }
          },
        })
        .catch(reject);
    }).finally(() => clearTimeout(timer));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Sends the records and waits for every acknowledgement (acks=all). */
export async function produce(topic, records) {
  const producer = kafka(`interop-produce-${topic}`).producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: records });
  } finally {
    await producer.disconnect();
  }
}
