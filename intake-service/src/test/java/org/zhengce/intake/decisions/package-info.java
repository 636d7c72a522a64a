@org.jspecify.annotations.NullMarked
package org.zhengce.intake.decisions;
