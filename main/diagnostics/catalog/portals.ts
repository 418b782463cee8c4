/**
 * The portal paths fix steps name. Written once so every diagnosis walks the user down the same,
 * current blade names (Entra admin center and Power Platform admin center, 2026).
 */
export const APP_REGISTRATION = 'Entra admin center → Identity → Applications → App registrations → <your app>'
export const CERTS_AND_SECRETS = `${APP_REGISTRATION} → Certificates & secrets`
export const ENTERPRISE_APP = 'Entra admin center → Identity → Applications → Enterprise applications → <your app>'
export const TENANT_OVERVIEW = 'Entra admin center → Identity → Overview'
export const ENVIRONMENT = 'Power Platform admin center → Manage → Environments → <your environment>'
export const APPLICATION_USERS = `${ENVIRONMENT} → Settings → Users + permissions → Application users`
export const SECURITY_ROLES = `${ENVIRONMENT} → Settings → Users + permissions → Security roles`
export const CONDITIONAL_ACCESS = 'Entra admin center → Protection → Conditional Access → Policies'
export const SIGN_IN_LOGS =
  'Entra admin center → Identity → Monitoring & health → Sign-in logs → Service principal sign-ins'
