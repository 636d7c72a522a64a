/**
 * The services' shared infrastructure, one package per concern: {@code outbox}, {@code kafka}, {@code web},
 * {@code security}. Nothing here configures itself: a service imports or declares what it uses, with its own settings.
 */
@NullMarked
package org.zhengce.kit;

import org.jspecify.annotations.NullMarked;
