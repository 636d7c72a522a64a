@NullMarked
package org.zhengce.benchmarks.platform;

import org.jspecify.annotations.NullMarked;
