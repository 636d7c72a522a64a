/** The whole platform under load: from a department's fact to the advisor's alert. */
@NullMarked
package org.zhengce.benchmarks.platform;

import org.jspecify.annotations.NullMarked;
