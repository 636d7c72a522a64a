/** Checks that the Kubernetes manifests agree with the topic catalogue, and regenerates them. */
@NullMarked
package org.zhengce.deploy;

import org.jspecify.annotations.NullMarked;
