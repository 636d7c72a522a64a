/**
 * Reporters' tips (issue 19): an urgent tip, or one whose needs the configuration names, opens a case with source
 * TIP (or joins the household's open case); the reporter, and only they, can learn what became of it.
 */
@NullMarked
package org.zhengce.referral.tips;

import org.jspecify.annotations.NullMarked;
