/**
 * {@code progy portfolio --github}: the server creates the student's portfolio repository on GitHub
 * ({@code PortfolioCommand}), and {@code PortfolioPush} pushes the workspace's history there with the token in
 * memory only, refusing to overwrite a diverged portfolio unless forced.
 */
package io.progy.cli.portfolio;
