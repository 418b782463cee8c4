/** Client credentials as the front doors meet them: a certificate file read and checked, and the credential type. */
export { certificateProblem, loadCertificate, type LoadedCertificate } from '../auth/certificate'
export type { ClientCredential } from '../auth/token-provider'
