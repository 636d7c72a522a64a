/** Problem responses (RFC 9457) written outside a controller: by the security chain's entry points and handlers. */
@NullMarked
package org.zhengce.kit.web;

import org.jspecify.annotations.NullMarked;
