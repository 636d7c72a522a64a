@NullMarked
package org.zhengce.notification.audit;

import org.jspecify.annotations.NullMarked;
