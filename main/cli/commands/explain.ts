import { Option } from 'commander'
import { CLOUDS, type Cloud } from '@common/clouds'
import type { Diagnosis, ExplainResult } from '@common/diagnostics'
import { explainPasted } from '../../app/explain-service'
import { textArgument } from '../input'
import { EXIT } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle, type Style } from '../style'

function confidence(style: Style, diagnosis: Diagnosis): string {
  const colour =
    diagnosis.confidence === 'high' ? style.red : diagnosis.confidence === 'medium' ? style.yellow : style.dim
  return colour(`${diagnosis.id} · ${diagnosis.confidence} confidence`)
}

export function formatDiagnosis(style: Style, diagnosis: Diagnosis, heading: string): string {
  const lines = [
    `${style.bold(`${heading}: ${diagnosis.title}`)}  [${confidence(style, diagnosis)}]`,
    `  ${style.bold('Why')}: ${diagnosis.cause}`,
    `  ${style.bold('Fix')}:`,
    ...diagnosis.fix.map((step, index) => `    ${index + 1}. ${step}`),
    `  ${style.bold('Docs')}: ${style.cyan(diagnosis.docsUrl)}`,
    ...(diagnosis.matched ? [style.dim(`  Matched: ${diagnosis.matched}`)] : []),
  ]
  return lines.join('\n')
}

function formatExplain(style: Style, result: ExplainResult): string {
  const blocks = result.diagnoses.map((diagnosis, index) =>
    formatDiagnosis(style, diagnosis, index === 0 ? 'Most likely' : 'Also possible'),
  )
  if (!result.matched) blocks.push(style.yellow(result.summary))
  const r = result.recognised
  const seen = [
    ...r.aadsts.map((code) => `AADSTS${code}`),
    ...r.dataverseCodes,
    ...(r.httpStatus !== undefined ? [`HTTP ${r.httpStatus}`] : []),
    ...r.traceIds.map((id) => `trace ${id}`),
    ...r.correlationIds.map((id) => `correlation ${id}`),
    ...r.requestIds.map((id) => `request ${id}`),
    ...r.timestamps.map((time) => `time ${time}`),
    ...r.hosts.map((host) => `host ${host}`),
  ]
  if (seen.length) blocks.push(style.dim(`Recognised: ${seen.join(' · ')}`))
  return blocks.join('\n\n') + '\n'
}

export const registerExplain: CommandRegistrar = (program, io, setExit) => {
  program
    .command('explain')
    .description('explain an error: AADSTS/MSAL text, a Dataverse fault, an HTTP response or a network/TLS error')
    .argument('[text]', 'the error text, or - to read it from standard input')
    .addOption(new Option('--cloud <cloud>', 'the Microsoft cloud, for documentation links').choices(CLOUDS))
    .option('--json', 'print the result as JSON')
    .action(async (value: string | undefined, options: { json?: boolean; cloud?: Cloud }) => {
      const text = await textArgument(value, io, 'error text')
      const result = explainPasted(text, options.cloud ? { cloud: options.cloud } : {})
      io.stdout(options.json ? JSON.stringify(result, null, 2) + '\n' : formatExplain(createStyle(io), result))
      setExit(result.matched ? EXIT.ok : EXIT.failed)
    })
}
