import { DOCS } from './links'
import { APPLICATION_USERS, APP_REGISTRATION, ENVIRONMENT, SECURITY_ROLES, TENANT_OVERVIEW } from './portals'
import type { CatalogEntry, DiagnosisContext } from './types'

const PRIVILEGE = /^prv(Create|Read|Write|Delete|AppendTo|Append|Assign|Share)(\w*)$/i

/** "prvReadAccount" → "Read"; unknown shapes keep the privilege name as the only guide. */
function privilegeAction(privilege: string | undefined): string | undefined {
  const match = privilege ? PRIVILEGE.exec(privilege) : null
  if (!match?.[1]) return undefined
  const action = match[1].toLowerCase()
  return action === 'appendto' ? 'Append To' : action.charAt(0).toUpperCase() + action.slice(1)
}

const ACCESS_FLAGS: readonly (readonly [number, string])[] = [
  [1, 'Read'],
  [2, 'Write'],
  [4, 'Append'],
  [16, 'Append To'],
  [32, 'Create'],
  [65536, 'Delete'],
  [262144, 'Share'],
  [524288, 'Assign'],
]

/** "WriteAccess" → "Write", "prvShareActivity" → "Share", 262153 → "Read, Append, Share" (an AccessRights flag set). */
function accessName(rights: string | undefined): string | undefined {
  if (!rights) return undefined
  if (/^\d+$/.test(rights)) {
    const value = Number(rights)
    const names = ACCESS_FLAGS.filter(([flag]) => (value & flag) !== 0).map(([, name]) => name)
    return names.length ? names.join(', ') : undefined
  }
  const named = /^(Read|Write|AppendTo|Append|Create|Delete|Share|Assign)Access$/i.exec(rights)?.[1]
  if (named)
    return named.toLowerCase() === 'appendto'
      ? 'Append To'
      : named.charAt(0).toUpperCase() + named.slice(1).toLowerCase()
  return privilegeAction(rights)
}

const LIMITS = {
  count: 'the number of requests (6,000 per user per web server in a 5-minute window)',
  'execution-time': 'the combined execution time (20 minutes per user per web server in a 5-minute window)',
  concurrency: 'the number of concurrent requests (52 at a time per user per web server)',
} as const

const LIMIT_TITLES = {
  count: 'too many requests',
  'execution-time': 'too much combined execution time',
  concurrency: 'too many concurrent requests',
} as const

function retryText(ctx: DiagnosisContext): string {
  if (ctx.retryAfterSeconds !== undefined)
    return `The server asked to wait ${ctx.retryAfterSeconds} second${ctx.retryAfterSeconds === 1 ? '' : 's'} (Retry-After) before retrying.`
  if (ctx.limit === 'concurrency') return 'Retry as soon as some of the running requests have finished.'
  return 'Wait for the Retry-After interval the response carries (it grows under sustained load) before retrying.'
}

export const dataverseEntries: readonly CatalogEntry[] = [
  {
    id: 'token-rejected',
    title: 'Dataverse rejected the access token (401)',
    cause:
      'Dataverse answered 401 with a Bearer challenge: the request had no token, or the token is expired, for another resource (a Graph token, or an audience that is the client ID), or from another tenant or cloud.',
    fix: [
      'Request the token for the environment itself: scope https://<org>.crm.dynamics.com/.default.',
      'Request it in the tenant the WWW-Authenticate header names (authorization_uri).',
      'Paste the token into the token inspector: it shows aud, tid and expiry side by side with the connection.',
    ],
    docs: DOCS.s2s,
  },
  {
    id: 'tenant-mismatch',
    title: 'The token comes from a different tenant than the environment',
    cause:
      "The environment belongs to one Entra ID tenant and the token (or the connection's tenant) names another. This happens when the app is registered in a partner's or a test tenant.",
    fix: [
      "Use the tenant the environment lives in; the 401 challenge of the environment names it (the check's discovery step shows it).",
      `If the app is registered elsewhere, make it multi-tenant and consent it in the environment's tenant (${TENANT_OVERVIEW}).`,
    ],
    docs: DOCS.s2s,
  },
  {
    id: 'client-id-mismatch',
    title: 'The token was issued to a different app',
    cause:
      "The token's appid (or azp) is not the client ID of this connection, so Dataverse will look for a different application user.",
    fix: [
      `Compare the connection's client ID with ${APP_REGISTRATION} → Overview → Application (client) ID.`,
      'Request a new token with the right client ID and credential.',
    ],
    docs: DOCS.tokenClaims,
  },
  {
    id: 'token-expired',
    title: 'The access token has expired',
    cause:
      "The token's exp time has passed. App tokens live about 60–90 minutes; a tool that does not refresh client-credential tokens fails after the first hour.",
    fix: [
      'Request a new token (client credentials have no refresh token: just ask again).',
      'In scripts, cache the token and request a new one a few minutes before exp.',
    ],
    docs: DOCS.tokenClaims,
  },
  {
    id: 'token-not-yet-valid',
    title: 'The access token is not valid yet',
    cause: "The token's nbf (not before) time is in the future for this machine: its clock is behind.",
    fix: ["Synchronise this computer's clock with an internet time source.", 'Request a new token.'],
    docs: DOCS.tokenClaims,
  },
  {
    id: 'token-audience-mismatch',
    title: 'The token is for another audience than this environment',
    cause:
      "The token's aud claim does not name this environment. Dataverse only accepts tokens whose audience is its own URL; a token for another environment, for https://graph.microsoft.com, or for the app itself (aud = client ID) is rejected with 401.",
    fix: [
      'Request the token with scope <environment URL>/.default — exactly the environment you call.',
      'If you switch between environments, request one token per environment.',
    ],
    docs: DOCS.tokenClaims,
  },
  {
    id: 'token-wrong-resource',
    title: 'This is a Microsoft Graph token, not a Dataverse token',
    cause:
      "The token's audience is Microsoft Graph. It cannot be used against Dataverse, which needs a token for the environment URL.",
    fix: [
      'Request a token with scope https://<org>.crm.dynamics.com/.default instead of https://graph.microsoft.com/.default.',
    ],
    docs: DOCS.tokenClaims,
  },
  {
    id: 'token-is-user-token',
    title: "This is a user's token, not an application token",
    cause:
      'The token carries a user (upn, scp, idtyp=user). Dataverse then acts as that licensed user, not as the application user, so roles and privileges differ from what the app will have.',
    fix: [
      'Acquire the token with client credentials (client ID + secret or certificate) to test the application user.',
      'Use a user token only when you deliberately test as that user.',
    ],
    docs: DOCS.tokenClaims,
  },
  {
    id: 'credential-kind-mismatch',
    title: 'The token was obtained with another kind of credential than configured',
    cause:
      'appidacr/azpacr says the app authenticated with a secret ("1") or certificate ("2"), but the connection is configured for the other kind.',
    fix: [
      `Check ${APP_REGISTRATION} → Certificates & secrets and decide which credential this connection should use.`,
      'Update the connection so that the configured credential is the one actually used.',
    ],
    docs: DOCS.tokenClaims,
  },
  {
    id: 'clock-skew',
    title: "This computer's clock differs from the server's",
    cause:
      "The local time is several minutes away from the Date header of Microsoft's servers. Tokens then look expired or not yet valid, and certificate assertions fail with AADSTS700024.",
    fix: [
      'Synchronise the clock with an internet time source (Windows: Settings → Time & language → Sync now; Linux: timedatectl set-ntp true).',
      'Check the time zone setting as well: the clock must be right in UTC.',
    ],
    docs: DOCS.tokenClaims,
  },
  {
    id: 'app-user-missing',
    title: 'There is no application user for this app in the environment',
    cause:
      'Entra ID issued the token, but the environment has no application user whose Application ID is this client ID (0x80072560 "The user is not a member of the organization"; the .NET SDK says "forbidden with client authentication scheme \'Anonymous\'"). This is the most common missing piece of an app-user setup.',
    fix: [
      `Open ${APPLICATION_USERS}.`,
      'Choose "+ New app user" → "+ Add an app", search by the Application (client) ID and add it.',
      'Pick the business unit and assign at least one security role, then Create.',
      'Run the check again.',
    ],
    docs: DOCS.appUsers,
  },
  {
    id: 'app-user-disabled',
    title: 'The application user is disabled',
    cause:
      'The application user exists but is deactivated, or is not in any business unit (0x80040225 "disabled or is not a member of any business unit").',
    fix: [
      `Open ${APPLICATION_USERS}.`,
      'Select the app user and choose "Activate".',
      'Check that its business unit still exists and that its roles belong to that business unit.',
    ],
    docs: DOCS.appUsers,
  },
  {
    id: 'no-security-roles',
    title: 'The application user has no security role',
    cause:
      'The application user exists but no security role is assigned to it directly (0x80042F09 "no roles are assigned to user"). Roles inherited through a team are not enough for this check; without a role the app can read nothing.',
    fix: [
      `Open ${APPLICATION_USERS}.`,
      'Select the app user → "Edit security roles".',
      "Assign a role from the app user's business unit that grants what the app needs (for a quick test, Basic User plus the table privileges; avoid System Administrator in production), then Save.",
    ],
    docs: DOCS.appUsers,
  },
  {
    id: 'missing-privilege',
    title: (ctx) =>
      ctx.privilege
        ? `The application user lacks ${ctx.privilege}${ctx.table ? ` on ${ctx.table}` : ''}`
        : 'The application user lacks a privilege',
    cause: (ctx) => {
      const action = privilegeAction(ctx.privilege)
      const what = ctx.privilege ? `the ${ctx.privilege} privilege` : 'a privilege'
      const table = ctx.table ? ` on the ${ctx.table} table` : ''
      const depth = ctx.depth
        ? ` Dataverse asked for at least ${ctx.depth} depth (SecLib::CheckPrivilege "Required Depth: ${ctx.depth}").`
        : ''
      return `None of the application user's roles grants ${what}${table}${action ? ` (${action} access)` : ''}, or it grants it at too low a depth (0x80040220 "is missing … privilege").${depth}`
    },
    fix: (ctx) => {
      const action = privilegeAction(ctx.privilege) ?? 'the needed'
      const table = ctx.table ?? '<table>'
      return [
        `Open ${APPLICATION_USERS}, select the app user and note its security roles.`,
        `Open ${SECURITY_ROLES} → <one of those roles>.`,
        `On the table list, find "${table}" and set ${action} to Organization (or Business Unit if the app only needs its own records), then Save + close.`,
        'Run the check or the query again; role changes apply within a minute or two.',
      ]
    },
    docs: DOCS.securityRoles,
  },
  {
    id: 'record-access-denied',
    title: (ctx) => {
      const access = accessName(ctx.accessRights)
      return access
        ? `The application user may not ${access.toLowerCase()} this record`
        : 'The application user may not touch this record'
    },
    cause: (ctx) => {
      const access = accessName(ctx.accessRights)
      return `A role grants the privilege${access ? ` (${access})` : ''}, but not at a depth that reaches this record: it is owned by another user, team or business unit and was not shared with the application user (SecLib::AccessCheckEx, 0x80048306${ctx.accessRights ? `, AccessRights: ${ctx.accessRights}` : ''}).`
    },
    fix: (ctx) => {
      const access = accessName(ctx.accessRights) ?? 'the needed access'
      return [
        `Open ${SECURITY_ROLES} → <the app user's role> and raise ${access} on the record's table from User to Business Unit, Parent: Child Business Units or Organization, as far as the app needs, then Save + close.`,
        'Or share the record (or its parent) with the application user, or with a team it belongs to.',
        `Or move the application user to the business unit that owns the records (${APPLICATION_USERS} → the app user → Change business unit).`,
      ]
    },
    docs: DOCS.recordAccess,
  },
  {
    id: 'ip-firewall-blocked',
    title: "The environment's IP firewall blocked this address",
    cause:
      'The environment is a Managed Environment with the IP firewall on, and the address this request came from is not in its allowed ranges. The firewall is checked before sign-in, so even a valid token is refused ("The request you are trying to make is rejected as access to your IP is blocked").',
    fix: [
      `Open ${ENVIRONMENT} → Settings → Product → Privacy + Security → IP address settings.`,
      'Add the public address (or CIDR range) this machine or pipeline uses to the allowed list (at most 200 ranges; changes take about 5 minutes), or turn on "Allow access for all application users" if every app user may bypass the firewall.',
      'If a proxy or NAT sits in front, allow its egress address, or configure it as a reverse proxy address in the same settings.',
    ],
    docs: DOCS.ipFirewall,
  },
  {
    id: 'api-restricted',
    title: 'The environment does not allow this app to call the API',
    cause:
      'The environment restricts which application IDs may use the Dataverse API, and this app is not on the list (0x80095ffc).',
    fix: [
      "Ask the Power Platform administrator to add the app's client ID to the environment's allowed applications.",
      `Check ${ENVIRONMENT} → Settings for the tenant's app restriction policy.`,
    ],
    docs: DOCS.environments,
  },
  {
    id: 'environment-disabled',
    title: 'The environment is disabled',
    cause:
      'The Dataverse organization is disabled (0x8004a104): a trial expired, the environment was disabled for inactivity or capacity, or an admin disabled it.',
    fix: [
      `Open ${ENVIRONMENT} and check its state.`,
      'Enable it (or convert the trial), which needs a Power Platform administrator.',
    ],
    docs: DOCS.environments,
  },
  {
    id: 'admin-mode',
    title: 'The environment is in administration mode',
    cause:
      'Administration mode is on, so only users with the System Administrator or System Customizer role may sign in — application users included.',
    fix: [
      `Open ${ENVIRONMENT} → Settings → Product → Features, or Edit on the environment's Details → Administration mode, and turn it off when maintenance is over.`,
      'Or, if the app must work during maintenance, give its application user the System Customizer role.',
    ],
    docs: DOCS.adminMode,
  },
  {
    id: 'throttled',
    title: (ctx) =>
      ctx.limit ? `Dataverse is throttling: ${LIMIT_TITLES[ctx.limit]}` : 'Dataverse is throttling requests (429)',
    cause: (ctx) =>
      `${ctx.limit ? `The application user exceeded ${LIMITS[ctx.limit]}.` : 'The application user hit a service protection limit (requests, execution time or concurrency, per user per web server in a 5-minute window).'} ${retryText(ctx)}`,
    fix: (ctx) => [
      ctx.retryAfterSeconds !== undefined
        ? `Wait ${ctx.retryAfterSeconds} s, then retry.`
        : 'Honour the Retry-After header before retrying.',
      ctx.limit === 'concurrency'
        ? 'Lower the number of parallel requests (x-ms-dop-hint in responses suggests a degree of parallelism).'
        : 'Spread the load: fewer, larger requests ($batch, $select only needed columns) and back off when 429s appear.',
      'For long jobs, consider spreading the work over several application users (limits are per user).',
    ],
    docs: DOCS.apiLimits,
  },
  {
    id: 'service-unavailable',
    title: 'Dataverse is temporarily unavailable (503)',
    cause: 'The service answered 503: maintenance, an update or a platform incident.',
    fix: [
      'Retry after a few minutes.',
      'Check the Power Platform admin center → Help + support → Service health for incidents.',
    ],
    docs: DOCS.webApiErrors,
  },
]
