import { isAppFailure } from '../../../common/result'
import { MetadataIndex } from '../../../common/metadata/metadata-index'
import { addConnectionFlags, openCliConnection, type ConnectionFlagValues } from '../connection-flags'
import { EXIT } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle } from '../style'

interface MetadataOptions extends ConnectionFlagValues {
  readonly json?: boolean
  readonly refresh?: boolean
  readonly table?: string
}

export const registerMetadata: CommandRegistrar = (program, io, setExit) => {
  addConnectionFlags(
    program.command('metadata').description("summarise the environment's metadata index: tables, columns, relationships, functions"),
  )
    .option('--table <name>', 'also list one table (entity set or logical name): its key, columns and relationships')
    .option('--refresh', 'download $metadata again instead of using the cache')
    .option('--json', 'print the summary as JSON')
    .action(async (options: MetadataOptions) => {
      const opened = await openCliConnection(options, io)
      const style = createStyle(io)
      try {
        const { summary, index: data } = await opened.services.query.metadata(opened.connection.id, { refresh: options.refresh })
        const index = new MetadataIndex(data)
        const type = options.table ? (index.entitySet(options.table) ?? index.entityType(options.table)) : undefined
        if (options.table && !type) {
          io.stderr(`dvw: there is no table "${options.table}" in this environment's metadata.\n`)
          setExit(EXIT.failed)
          return
        }
        const table = type && {
          name: type.name,
          entitySet: index.entitySetOf(type.name) ?? null,
          key: type.key,
          columns: type.properties().map((p) => ({ name: p.name, type: p.type, nullable: p.nullable, ...(p.isLookupValue ? { lookupTo: p.lookupTargets } : {}) })),
          navigation: type.navigations().map((n) => ({ name: n.name, target: n.targetType, collection: n.collection })),
        }
        if (options.json) {
          io.stdout(JSON.stringify(table ? { ...summary, table } : summary, null, 2) + '\n')
        } else {
          const lines = [
            style.bold(`Metadata of ${summary.orgUrl}`),
            `  version              ${summary.retrieveVersion} (${summary.fromCache ? 'from the cache' : 'downloaded'} ${summary.builtAt})`,
            `  entity sets          ${summary.entitySets.toLocaleString('en')}`,
            `  entity types         ${summary.entityTypes.toLocaleString('en')}`,
            `  properties           ${summary.properties.toLocaleString('en')}`,
            `  navigation props     ${summary.navigationProperties.toLocaleString('en')}`,
            `  functions            ${summary.functions.toLocaleString('en')}`,
            `  actions              ${summary.actions.toLocaleString('en')}`,
          ]
          if (table) {
            lines.push('', style.bold(`${table.name}${table.entitySet ? ` (entity set ${table.entitySet})` : ''}, key ${table.key.join(', ')}`))
            for (const column of table.columns) lines.push(`  ${column.name.padEnd(36)} ${column.type}${column.lookupTo ? ` → ${column.lookupTo.join(', ')}` : ''}`)
            for (const nav of table.navigation) lines.push(`  ${style.dim(nav.name.padEnd(36))} ${nav.collection ? 'many' : 'one'} → ${nav.target}`)
          }
          io.stdout(lines.join('\n') + '\n')
        }
        setExit(EXIT.ok)
      } catch (error) {
        if (!isAppFailure(error)) throw error
        const failure = error.toAppError()
        io.stderr(`${style.red('dvw: metadata failed')}: ${failure.message}\n  Cause: ${failure.cause}\n  Next: ${failure.next}\n`)
        setExit(EXIT.failed)
      } finally {
        await opened.close()
      }
    })
}
