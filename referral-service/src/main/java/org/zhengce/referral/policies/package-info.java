/**
 * The policy library (政策库): the assistance programmes, their eligibility rules as data (SpEL expressions over
 * {@link org.zhengce.referral.policies.HouseholdFacts}, ADR 0007) with parameters per jurisdiction, and who acts on
 * a grant.
 */
@NullMarked
package org.zhengce.referral.policies;

import org.jspecify.annotations.NullMarked;
