/**
 * Model activation: publishes scoring model versions to {@code scoring.models} (the built-in default on first start,
 * then what a platform admin posts, as ACTIVE or SHADOW, or retired), and says which version is active and which in
 * the shadow now ({@link org.zhengce.scoring.activation.PublishedModels}, read from the topology's global models
 * store). The topology picks a switch up within one tick and re-scores every household from its stored portrait.
 */
@NullMarked
package org.zhengce.scoring.activation;

import org.jspecify.annotations.NullMarked;
