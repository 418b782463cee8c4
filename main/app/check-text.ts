/** A finished check as lines of text (`dvw check`): each step's mark, outcome line and duration. */
export { duration, outcomeLine, STATUS_MARK } from '../diagnostics/report/text'
/** The labels under which the check reports a federated token's claims and the credential Entra recorded. */
export { FEDERATED_FACT_LABELS } from '../diagnostics/check/federated'
export { RECORDED_CREDENTIAL_LABEL } from '../diagnostics/token-inspector'
