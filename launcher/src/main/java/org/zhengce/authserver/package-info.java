/**
 * The local run's OAuth2 / OpenID Connect authorisation server (Spring Authorization Server), a servlet application
 * of its own that the launcher starts before the services: demo users with their {@code roles} and
 * {@code jurisdictions} claims, the console's client (authorization code with PKCE), one client-credentials client
 * per department for intake, and a signing key kept across restarts. Production uses the city's identity provider;
 * nothing here is deployed.
 */
@NullMarked
package org.zhengce.authserver;

import org.jspecify.annotations.NullMarked;
