/** The topics this service writes, declared from the platform's topic catalogue through the kit's bindings. */
@NullMarked
package org.zhengce.scoring.topics;

import org.jspecify.annotations.NullMarked;
