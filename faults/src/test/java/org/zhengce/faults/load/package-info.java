@NullMarked
package org.zhengce.faults.load;

import org.jspecify.annotations.NullMarked;
