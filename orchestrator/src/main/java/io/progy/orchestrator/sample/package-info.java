/**
 * Publishes the sample courses bundled in the jar under the reserved {@code @progy} scope on first start in embedded mode, through the same service path as an upload.
 */
package io.progy.orchestrator.sample;
