/**
 * The console's backend-for-frontend: serves the single-page app, signs the user in with OpenID Connect and keeps
 * the tokens server-side, and relays the page's API calls to the services with the user's access token.
 */
@NullMarked
package org.zhengce.console;

import org.jspecify.annotations.NullMarked;
