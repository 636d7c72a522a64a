@NullMarked
package org.zhengce.faults;

import org.jspecify.annotations.NullMarked;
