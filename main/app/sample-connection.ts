/** The built-in sample environment's connection and app credentials, for `dvw --sample`. */
export { sampleApp, sampleConnection } from '../connections/sample'
