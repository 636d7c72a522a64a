@org.jspecify.annotations.NullMarked
package org.zhengce.democity.feed;
