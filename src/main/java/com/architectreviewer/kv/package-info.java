/** The KV layer for ephemeral data: Redis through one Lettuce client per process, or in-process. */
package com.architectreviewer.kv;
