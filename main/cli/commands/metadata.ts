import { isAppFailure } from '@common/result'
import { MetadataIndex } from '@common/metadata/metadata-index'
import { indexMetadataFile, listTables } from '../../app/metadata-files'
import { addConnectionFlags, openCliConnection, type ConnectionFlagValues } from '../connection-flags'
import { EXIT } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle } from '../style'

interface MetadataOptions extends ConnectionFlagValues {
  readonly json?: boolean
  readonly refresh?: boolean
  readonly table?: string
  readonly file?: string
}

/** One table in full (key, columns, relationships), for --table. */
function tableDetail(index: MetadataIndex, name: string) {
  const type = index.entitySet(name) ?? index.entityType(name)
  return (
    type && {
      name: type.name,
      entitySet: index.entitySetOf(type.name) ?? null,
      key: type.key,
      columns: type.properties().map((p) => ({
        name: p.name,
        type: p.type,
        nullable: p.nullable,
        ...(p.isLookupValue ? { lookupTo: p.lookupTargets } : {}),
      })),
      navigation: type.navigations().map((n) => ({ name: n.name, target: n.targetType, collection: n.collection })),
    }
  )
}

export const registerMetadata: CommandRegistrar = (program, io, setExit) => {
  addConnectionFlags(
    program
      .command('metadata')
      .description("summarise the environment's metadata index: tables, columns, relationships, functions"),
  )
    .option('--table <name>', 'also list one table (entity set or logical name): its key, columns and relationships')
    .option('--refresh', 'download $metadata again instead of using the cache')
    .option('--json', 'print the summary and every table (logical name, entity set, key, column count) as JSON')
    .option('--file <path>', 'index a saved $metadata document instead of connecting (offline)')
    .action(async (options: MetadataOptions) => {
      const style = createStyle(io)
      const failed = (error: unknown) => {
        if (!isAppFailure(error)) throw error
        const failure = error.toAppError()
        io.stderr(
          `${style.red('dvw: metadata failed')}: ${failure.message}\n  Cause: ${failure.cause}\n  Next: ${failure.next}\n`,
        )
        setExit(EXIT.failed)
      }
      const print = (
        title: string,
        header: Record<string, unknown>,
        index: MetadataIndex,
        versionLine: string | null,
      ) => {
        const table = options.table ? tableDetail(index, options.table) : undefined
        if (options.table && !table) {
          io.stderr(`dvw: there is no table "${options.table}" in this metadata.\n`)
          setExit(EXIT.failed)
          return
        }
        const counts = index.counts()
        if (options.json) {
          io.stdout(
            JSON.stringify({ ...header, ...counts, tables: listTables(index), ...(table ? { table } : {}) }, null, 2) +
              '\n',
          )
          setExit(EXIT.ok)
          return
        }
        const lines = [
          style.bold(title),
          ...(versionLine ? [versionLine] : []),
          `  entity sets          ${counts.entitySets.toLocaleString('en')}`,
          `  entity types         ${counts.entityTypes.toLocaleString('en')}`,
          `  properties           ${counts.properties.toLocaleString('en')}`,
          `  navigation props     ${counts.navigationProperties.toLocaleString('en')}`,
          `  functions            ${counts.functions.toLocaleString('en')}`,
          `  actions              ${counts.actions.toLocaleString('en')}`,
        ]
        if (table) {
          lines.push(
            '',
            style.bold(
              `${table.name}${table.entitySet ? ` (entity set ${table.entitySet})` : ''}, key ${table.key.join(', ')}`,
            ),
          )
          for (const column of table.columns)
            lines.push(
              `  ${column.name.padEnd(36)} ${column.type}${column.lookupTo ? ` → ${column.lookupTo.join(', ')}` : ''}`,
            )
          for (const nav of table.navigation)
            lines.push(`  ${style.dim(nav.name.padEnd(36))} ${nav.collection ? 'many' : 'one'} → ${nav.target}`)
        }
        io.stdout(lines.join('\n') + '\n')
        setExit(EXIT.ok)
      }
      if (options.file) {
        try {
          print(`Metadata in ${options.file}`, { file: options.file }, await indexMetadataFile(options.file), null)
        } catch (error) {
          failed(error)
        }
        return
      }
      const opened = await openCliConnection(options, io)
      try {
        const { summary, index: data } = await opened.services.query.metadata(opened.connection.id, {
          refresh: options.refresh,
        })
        print(
          `Metadata of ${summary.orgUrl}`,
          summary,
          new MetadataIndex(data),
          `  version              ${summary.retrieveVersion} (${summary.fromCache ? 'from the cache' : 'downloaded'} ${summary.builtAt})`,
        )
      } catch (error) {
        failed(error)
      } finally {
        await opened.close()
      }
    })
}
