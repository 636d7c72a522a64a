/**
 * Complaints and grievances (投诉): a complaint about a case, one of its decisions or a person who worked on it, filed
 * by someone of the case's area (an advisor may record a household's own), owned by the supervisor of the case's
 * area (never the person complained about), with an acknowledgement and a resolution deadline per category, escalated
 * up its handlers when one is missed, resolved with an outcome the complainant is told. Only the complainant and the
 * handlers see it; every read and change is audited. {@link org.zhengce.referral.complaints.Complaints} is the
 * facade; {@link org.zhengce.referral.complaints.ComplaintWatch} escalates missed deadlines (ADR 0030).
 */
@NullMarked
package org.zhengce.referral.complaints;

import org.jspecify.annotations.NullMarked;
