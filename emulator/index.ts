/**
 * The Entra ID + Dataverse Web API emulator. Public API — other modules import from here only.
 * See emulator/README.md.
 */
export { createEmulator, type Emulator, type EmulatorOrg } from './emulator'
export { startHttpsEmulator, type RunningEmulator, type RunningEmulatorApp, type HttpsEmulatorOptions } from './https'
export {
  CONDITION_NAMES,
  DEFAULT_LIMITS,
  DEFAULT_ROWS,
  DEFAULT_SEED,
  formatConditions,
  OrgConditionsSchema,
  parseCondition,
  type EmulatorOptions,
  type LimitOptions,
  type OrgConditions,
  type OrgOptions,
} from './options'
export {
  DEFAULT_AUTHORITY_URL,
  DEFAULT_ORGS,
  findAppByClientId,
  SAMPLE_CONNECTION,
  SCENARIO_APPS,
  SCENARIO_NAMES,
  scenarioApp,
  TENANT_DISPLAY_NAME,
  TENANT_DOMAIN,
  TENANT_ID,
  type CertificateCredential,
  type ScenarioApp,
  type ScenarioAppUser,
  type ScenarioName,
  type ScenarioOutcome,
  type SecretCredential,
  type FederatedCredential,
  type FederatedIdentityCredential,
  AZURE_DEVOPS_ISSUER,
  AZURE_DEVOPS_ORG_ID,
  GITHUB_ISSUER,
  TOKEN_EXCHANGE_AUDIENCE,
} from './scenarios'
export type {
  FederatedCredentialOption,
  FederatedIssuerOption,
  FederatedTokenRequest,
  FederationOptions,
} from './entra/federated'
export type { CertificateMaterial } from './certificates'
export { generateCsdl, generateLargeCsdl, generateLargeSchema } from './dataverse/csdl'
export { SCHEMA, type ColumnDef, type Schema, type TableDef } from './dataverse/schema'
export { ROLES, ROLE_NAMES, type RoleName } from './dataverse/roles'
export type { Row, Value } from './dataverse/data-generator'
export { DATAVERSE_VERSION } from './dataverse/web-api'
