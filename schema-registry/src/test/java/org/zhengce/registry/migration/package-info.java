@NullMarked
package org.zhengce.registry.migration;

import org.jspecify.annotations.NullMarked;
