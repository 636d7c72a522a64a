/**
 * What a service needs before it runs in production: every secret (database and Kafka credentials, the registry's)
 * from the environment, never a default. A service's {@code production} profile lists them and the service refuses to
 * start, naming each missing one, before it connects to anything.
 */
@NullMarked
package org.zhengce.kit.production;

import org.jspecify.annotations.NullMarked;
