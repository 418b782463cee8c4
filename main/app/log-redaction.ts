/** What a front door may log about a request or an error: secrets and tokens scrubbed by the transport's rules. */
export { scrubForLog } from '../http/log-redaction'
