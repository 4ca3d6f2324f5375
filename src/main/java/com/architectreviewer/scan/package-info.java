/** Scan jobs: acquire a source, run the review engine, store findings, publish progress. */
package com.architectreviewer.scan;
