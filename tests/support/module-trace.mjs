/* global URL */
// Loaded with `node --import` (NODE_OPTIONS): reports every module file the process loads, one
// `dvw-module-trace <url>` line on stderr each, so a test can tell which packages and chunks a
// command needed.
import { register } from 'node:module'

register(new URL('./module-trace-hooks.mjs', import.meta.url))
