/** Repositories, portfolio ingest and the portfolio strategy. */
package com.architectreviewer.portfolio;
