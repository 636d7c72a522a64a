/**
 * Interactive queries over the topology's state stores, across instances: a household's portrait and its score with
 * the explanation (which department's fact moved which dimension by how many points), the shadow report of a
 * candidate model, and the persons still waiting for their household. A household held by another instance is asked
 * of that instance over HTTP with the caller's token; a whole-store report asks every instance for its part
 * ({@code ?local=true}) and merges them. Every answer is narrowed to the caller's jurisdictions.
 */
@NullMarked
package org.zhengce.scoring.queries;

import org.jspecify.annotations.NullMarked;
