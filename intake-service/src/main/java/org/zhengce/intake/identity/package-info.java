/**
 * Resident identity numbers at the intake edge: the validated value type (masked whenever it is printed) and the
 * keyed pseudonymiser that replaces it before anything is published. The clear number never leaves this package
 * except as a masked string.
 */
@NullMarked
package org.zhengce.intake.identity;

import org.jspecify.annotations.NullMarked;
