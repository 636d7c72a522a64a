/** Who calls: OAuth2 JWTs with roles and jurisdiction claims; everything but health is closed without an issuer. */
@NullMarked
package org.zhengce.notification.security;

import org.jspecify.annotations.NullMarked;
