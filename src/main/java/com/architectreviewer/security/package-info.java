/** Tenants, API keys, rate limiting, request validation and RFC 9457 problem details. */
package com.architectreviewer.security;
