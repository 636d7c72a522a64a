@NullMarked
package org.zhengce.intake.audit;

import org.jspecify.annotations.NullMarked;
