/** The tagged cache: memoised reads with soft and hard revalidation by tag. */
package com.architectreviewer.cache;
