/**
 * The demo city: a synthetic but believable population of households in the demo city's six communities, and the
 * department events that describe it, deterministic from a seed. Plain Java; see {@link org.zhengce.democity.DemoCity}.
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.democity;
