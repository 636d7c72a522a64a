/**
 * The resource library (资源库) and the service menu: what social organisations, caring companies and volunteer
 * teams offer, where, and how much of their capacity is free; the menu of services visits and plans pick needs
 * from.
 */
@NullMarked
package org.zhengce.referral.resources;

import org.jspecify.annotations.NullMarked;
