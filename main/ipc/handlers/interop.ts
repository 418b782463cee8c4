import { connectionCommand } from '@common/connection-commands'
import { readConnectionsFile } from '../../app/connection-transfer'
import { importFromTool, SOURCE_LABELS } from '../../app/tool-import'
import type { HandlersOfPrefix } from '../handler-types'

const EXTENSIONS = { pac: ['json'], 'dataverse-cli': ['json'], xrmtoolbox: ['xml'], pptb: ['json'] } as const

export const interopHandlers: HandlersOfPrefix<'interop'> = {
  'interop:import': async ({ source }, { services }) => {
    const [path] = await services.host.pickFiles({
      title: `Import ${SOURCE_LABELS[source]}`,
      filters: [
        { name: SOURCE_LABELS[source], extensions: [...EXTENSIONS[source]] },
        { name: 'All files', extensions: ['*'] },
      ],
    })
    if (!path) return { source, imported: [], taken: [], skipped: [], notes: [], cancelled: true }
    return {
      ...(await importFromTool(services.connections, source, await readConnectionsFile(path))),
      cancelled: false,
    }
  },

  'interop:command': async ({ connectionId, target }, { services }) =>
    connectionCommand(services.connections.get(connectionId), target),
}
