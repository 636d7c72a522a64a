/**
 * The rejected-event API: operators (and each department, for its own) list what was rejected by department and
 * time, read one with its masked payload, and replay one or a batch through the whole pipeline after a fix.
 */
@NullMarked
package org.zhengce.intake.rejections;

import org.jspecify.annotations.NullMarked;
