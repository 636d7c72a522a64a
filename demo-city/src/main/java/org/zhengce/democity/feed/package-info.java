/**
 * The demo feed: the demo city's departments reporting to intake over HTTP, for the launcher. See {@link
 * org.zhengce.democity.feed.DemoFeed}.
 */
@org.jspecify.annotations.NullMarked
package org.zhengce.democity.feed;
