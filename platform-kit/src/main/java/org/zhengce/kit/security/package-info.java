/**
 * The resource-server scaffolding every service's one security chain starts from: stateless, health open, the
 * refusals as problem details; the {@link org.zhengce.kit.security.Caller} of a JWT with its jurisdiction check; the
 * OpenAPI document's sign-in at the platform's authorisation server.
 */
@NullMarked
package org.zhengce.kit.security;

import org.jspecify.annotations.NullMarked;
