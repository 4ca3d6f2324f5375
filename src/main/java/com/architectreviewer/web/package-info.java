/** Server-rendered UI pages and the SSE endpoints. */
package com.architectreviewer.web;
