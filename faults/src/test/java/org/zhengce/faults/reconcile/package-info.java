@NullMarked
package org.zhengce.faults.reconcile;

import org.jspecify.annotations.NullMarked;
