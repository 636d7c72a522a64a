/**
 * China's working calendar: the public holidays and adjusted working days (调休) of each year, as the State Council
 * publishes them, from which deadlines in working days are counted.
 */
@NullMarked
package org.zhengce.kit.calendar;

import org.jspecify.annotations.NullMarked;
