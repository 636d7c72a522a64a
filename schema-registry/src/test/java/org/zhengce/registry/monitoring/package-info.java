@NullMarked
package org.zhengce.registry.monitoring;

import org.jspecify.annotations.NullMarked;
