package org.zhengce.notification.alerts;

/** Someone to alert, why, and the text they see (no identity number, no household number: the case id says it). */
record AlertIntent(String recipient, AlertKind kind, String detail) {}
