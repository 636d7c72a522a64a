package org.zhengce.referral.jurisdictions;

/**
 * The directory's jurisdictions or supervisors changed (an application event, published after the change is
 * committed): {@link DirectoryPublication} brings the {@code jurisdictions} topic up to date.
 */
record DirectoryChanged() {}
