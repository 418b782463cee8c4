import { cloudLabel } from '@common/clouds'
import type { NormalizedUrl } from '@common/connection'
import { normalizeUrl } from '../../app/connection-urls'
import { textArgument } from '../input'
import { EXIT } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle, type Style } from '../style'

/** The JSON of `dvw url --json`: exactly these fields, in this order. */
function urlJson(value: NormalizedUrl) {
  return {
    orgUrl: value.orgUrl,
    webApiUrl: value.webApiUrl,
    scope: value.scope,
    cloud: value.cloud,
    region: value.region,
    authorityHost: value.authorityHost,
    warnings: value.warnings,
  }
}

function describe(style: Style, value: NormalizedUrl): string {
  const row = (label: string, text: string) => `  ${style.bold(label.padEnd(14))}${text}`
  const lines = [
    row('Org URL', value.orgUrl),
    row('Web API', value.webApiUrl),
    row('Scope', value.scope),
    row('Cloud', value.cloud ? cloudLabel(value.cloud) : style.yellow('unknown — choose it yourself')),
    row('Region', value.region ? `${value.region.code} — ${value.region.name} (${value.region.crm})` : '-'),
    row(
      'Authority',
      value.authorityHost
        ? `https://${value.authorityHost}`
        : style.yellow('unknown — discover it from the environment'),
    ),
  ]
  if (value.warnings.length) {
    lines.push(
      '',
      style.bold('Warnings'),
      ...value.warnings.map((warning) => `  ${style.yellow('!')} ${warning.message}`),
    )
  }
  return lines.join('\n') + '\n'
}

export const registerUrl: CommandRegistrar = (program, io, setExit) => {
  program
    .command('url')
    .description('understand any Dataverse URL: org URL, Web API base, scope, cloud, region and sign-in host')
    .argument(
      '[input]',
      'the URL as pasted (org URL, main.aspx link, Web API URL…), or - to read it from standard input',
    )
    .option('--json', 'print orgUrl, webApiUrl, scope, cloud, region, authorityHost and warnings as JSON')
    .action(async (value: string | undefined, options: { json?: boolean }) => {
      const input = await textArgument(value, io, 'URL')
      const result = normalizeUrl(input)
      if (!result.ok) {
        io.stderr(`dvw: ${result.problem.message}\n${result.problem.next}\n`)
        setExit(EXIT.failed)
        return
      }
      io.stdout(
        options.json ? JSON.stringify(urlJson(result.value), null, 2) + '\n' : describe(createStyle(io), result.value),
      )
      setExit(EXIT.ok)
    })
}
