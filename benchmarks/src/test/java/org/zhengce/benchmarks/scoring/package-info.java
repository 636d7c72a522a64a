@org.jspecify.annotations.NullMarked
package org.zhengce.benchmarks.scoring;
