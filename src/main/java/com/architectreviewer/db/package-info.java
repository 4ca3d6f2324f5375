/**
 * The only place that makes database connections: URL parsing, the one pool, pooler mode, embedded
 * PostgreSQL, migrations.
 */
package com.architectreviewer.db;
