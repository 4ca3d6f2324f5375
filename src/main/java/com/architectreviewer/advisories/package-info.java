/** Dependency advisories: lockfile parsing, OSV import and version-range matching. Plain Java. */
package com.architectreviewer.advisories;
