/** Client credentials as the front doors meet them: a certificate file read and checked, and the credential type. */
export { certificateProblem, loadCertificate, type LoadedCertificate } from '../auth/certificate'
export type { ClientCredential } from '../auth/token-provider'
/** A federated credential's token, read from its file, variable or command when MSAL asks. */
export { federatedCredential, type FederatedTokenSourceRef } from '../auth/federated-token'
