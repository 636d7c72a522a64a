@NullMarked
package org.zhengce.kit.audit;

import org.jspecify.annotations.NullMarked;
