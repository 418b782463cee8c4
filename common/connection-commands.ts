/**
 * "Copy as command": a connection written as the commands other tools take, for PowerShell and
 * for POSIX shells. The secret is always a reference to an environment variable (`$env:DVW_SECRET`,
 * `"$DVW_SECRET"`); these functions are never given a secret, so none can end up in the text.
 *
 * Syntax sources:
 * - pac: Microsoft Learn, "pac auth" reference (power-platform/developer/cli/reference/auth): `pac auth create`
 *   with --name, --environment, --tenant, --applicationId, --clientSecret, --certificateDiskPath,
 *   --certificatePassword, --cloud (Public, UsGov, UsGovHigh, UsGovDod, China).
 * - az: `az login --service-principal --username <app id> --password <secret or PEM path> --tenant <tenant>`
 *   (Azure CLI "Sign in with a service principal"), `--allow-no-subscriptions` for a tenant without an Azure
 *   subscription, `az cloud set --name AzureUSGovernment|AzureChinaCloud`, and
 *   `az account get-access-token --resource <org URL>`.
 * - Dataverse CLI (preview, npm @microsoft/dataverse): its reference lists `auth create`, but the flags it takes
 *   for a service principal could not be verified, so no command is written for it; the notes say so.
 */
import { CLOUD_TABLE, type Cloud } from './clouds'
import type { CommandTarget, CommandText } from './contract/interop'

const SECRET_VARIABLE = 'DVW_SECRET'
const CERTIFICATE_PASSWORD_VARIABLE = 'DVW_CERT_PASSWORD'

export interface CommandConnection {
  readonly name: string
  readonly orgUrl: string
  readonly tenantId: string
  readonly clientId: string
  readonly cloud: Cloud
  readonly auth:
    | { readonly kind: 'secret' }
    | { readonly kind: 'certificate'; readonly certificatePath: string; readonly format: 'pem' | 'pfx' }
    | { readonly kind: 'federated'; readonly tokenSource: 'file' | 'env' | 'command'; readonly tokenReference: string }
}

type FederatedAuth = Extract<CommandConnection['auth'], { kind: 'federated' }>

/** The shell expression that yields the pipeline's token: the token itself never appears in the text. */
function federatedToken(shell: Shell, auth: FederatedAuth): string {
  if (auth.tokenSource === 'env') return variable(shell, auth.tokenReference)
  if (auth.tokenSource === 'file')
    return shell === 'powershell'
      ? `(Get-Content -Raw ${quote(shell, auth.tokenReference)})`
      : `"$(cat ${quote(shell, auth.tokenReference)})"`
  return shell === 'powershell' ? `(${auth.tokenReference})` : `"$(${auth.tokenReference})"`
}

const PAC_CLOUD: Readonly<Record<Cloud, string>> = {
  commercial: 'Public',
  gcc: 'UsGov',
  'gcc-high': 'UsGovHigh',
  dod: 'UsGovDod',
  china: 'China',
}

const AZ_CLOUD: Readonly<Record<Cloud, string>> = {
  commercial: 'AzureCloud',
  gcc: 'AzureCloud',
  'gcc-high': 'AzureUSGovernment',
  dod: 'AzureUSGovernment',
  china: 'AzureChinaCloud',
}

type Shell = 'powershell' | 'bash'

const variable = (shell: Shell, name: string) => (shell === 'powershell' ? `$env:${name}` : `"$${name}"`)

/** A literal argument: single quotes in both shells, with each shell's way of writing a quote inside. */
function quote(shell: Shell, value: string): string {
  if (/^[A-Za-z0-9_./:@=+-]+$/.test(value)) return value
  return shell === 'powershell' ? `'${value.replaceAll("'", "''")}'` : `'${value.replaceAll("'", `'\\''`)}'`
}

const continuation = (shell: Shell) => (shell === 'powershell' ? ' `\n  ' : ' \\\n  ')

function tenantOf(connection: CommandConnection): string {
  return connection.tenantId || '<tenant-id>'
}

function pac(connection: CommandConnection, shell: Shell): string {
  const args = [
    'pac auth create',
    `--name ${quote(shell, connection.name.slice(0, 30))}`,
    `--environment ${connection.orgUrl}`,
    `--tenant ${tenantOf(connection)}`,
    `--applicationId ${connection.clientId}`,
  ]
  if (connection.auth.kind === 'secret') args.push(`--clientSecret ${variable(shell, SECRET_VARIABLE)}`)
  else if (connection.auth.kind === 'certificate') {
    args.push(`--certificateDiskPath ${quote(shell, connection.auth.certificatePath)}`)
    if (connection.auth.format === 'pfx')
      args.push(`--certificatePassword ${variable(shell, CERTIFICATE_PASSWORD_VARIABLE)}`)
  }
  if (connection.cloud !== 'commercial') args.push(`--cloud ${PAC_CLOUD[connection.cloud]}`)
  return args.join(continuation(shell))
}

function az(connection: CommandConnection, shell: Shell): string {
  const lines: string[] = []
  if (AZ_CLOUD[connection.cloud] !== 'AzureCloud') lines.push(`az cloud set --name ${AZ_CLOUD[connection.cloud]}`)
  const credential =
    connection.auth.kind === 'secret'
      ? `--password ${variable(shell, SECRET_VARIABLE)}`
      : connection.auth.kind === 'federated'
        ? `--federated-token ${federatedToken(shell, connection.auth)}`
        : `--password ${quote(shell, connection.auth.certificatePath)}`
  lines.push(
    [
      'az login --service-principal',
      `--username ${connection.clientId}`,
      credential,
      `--tenant ${tenantOf(connection)}`,
      '--allow-no-subscriptions',
    ].join(continuation(shell)),
  )
  lines.push(`az account get-access-token --resource ${connection.orgUrl} --query accessToken --output tsv`)
  return lines.join('\n')
}

function notesFor(connection: CommandConnection, target: CommandTarget): string[] {
  const notes: string[] = []
  if (!connection.tenantId) notes.push('The tenant is not known yet: replace <tenant-id> (Test connection finds it).')
  if (target === 'dataverse-cli') {
    notes.push(
      'Not written: the Dataverse CLI (preview) documents `auth create`, but its flags for an app registration could not be verified. Its profiles are documented as compatible with pac auth profiles, so the pac command is a way in.',
    )
    return notes
  }
  if (connection.auth.kind === 'federated' && target === 'pac') {
    notes.push(
      "Not written: pac signs in with a federated credential only inside a pipeline task (its GitHub Actions and Azure DevOps federation options read the pipeline's own token). The az command reads the same token this connection does.",
    )
    return notes
  }
  if (connection.auth.kind === 'secret')
    notes.push(
      `Set ${SECRET_VARIABLE} to the client secret first (PowerShell: $env:${SECRET_VARIABLE} = Read-Host -MaskInput; bash: read -rs ${SECRET_VARIABLE}). The value is not part of this text.`,
    )
  else if (target === 'pac' && connection.auth.kind === 'certificate' && connection.auth.format === 'pfx')
    notes.push(`Set ${CERTIFICATE_PASSWORD_VARIABLE} to the certificate's password first.`)
  if (target === 'az') {
    if (connection.auth.kind === 'certificate')
      notes.push(
        connection.auth.format === 'pfx'
          ? 'The Azure CLI signs in with a PEM file holding the certificate and its private key; convert the .pfx first (openssl pkcs12 -in app.pfx -out app.pem -nodes).'
          : 'The PEM file must hold both the certificate and its private key.',
      )
    notes.push('--allow-no-subscriptions: the app needs no Azure subscription to get a Dataverse token.')
  }
  if (target === 'pac')
    notes.push(
      `pac keeps the credential in its own encrypted cache; the cloud is ${CLOUD_TABLE[connection.cloud].label}.`,
    )
  return notes
}

export function connectionCommand(connection: CommandConnection, target: CommandTarget): CommandText {
  const write = target === 'az' ? az : target === 'pac' && connection.auth.kind !== 'federated' ? pac : null
  return {
    target,
    powershell: write ? write(connection, 'powershell') : null,
    bash: write ? write(connection, 'bash') : null,
    notes: notesFor(connection, target),
  }
}
