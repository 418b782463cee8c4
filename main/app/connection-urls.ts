/**
 * What a user types as an environment, checked before anything is saved or sent: the URL
 * normalised (org URL, Web API, scope, cloud) and a discovered tenant compared with the typed one.
 */
export { normalizeUrl } from '../connections/url'
export { compareTenant } from '../auth/discovery'
