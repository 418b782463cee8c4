/**
 * The dialogs of issue 14 the rail opens: discover environments and copy as command (per connection),
 * import from another tool (for the list). One hook so the rail needs only a few lines to offer them.
 */
import { useState, type ReactNode } from 'react'
import type { ConnectionView } from '@common/connection'
import { CopyAsCommandDialog } from './CopyAsCommandDialog'
import { DiscoverEnvironmentsDialog } from './DiscoverEnvironmentsDialog'
import { ImportFromToolDialog } from './ImportFromToolDialog'

export interface InteropNotice {
  readonly intent: 'success' | 'warning'
  readonly title: string
  readonly text: string
}

export interface InteropDialogs {
  discover(connection: ConnectionView): void
  copyAsCommand(connection: ConnectionView): void
  importFromTool(): void
  readonly element: ReactNode
}

export function useInteropDialogs(options: {
  readonly refresh: () => Promise<void>
  readonly notify: (notice: InteropNotice) => void
}): InteropDialogs {
  const [discovering, setDiscovering] = useState<ConnectionView | null>(null)
  const [commanding, setCommanding] = useState<ConnectionView | null>(null)
  const [importing, setImporting] = useState(false)
  return {
    discover: setDiscovering,
    copyAsCommand: setCommanding,
    importFromTool: () => setImporting(true),
    element: (
      <>
        <DiscoverEnvironmentsDialog
          connection={discovering}
          onClose={() => setDiscovering(null)}
          onCreated={(created, skipped) => {
            setDiscovering(null)
            void options.refresh()
            options.notify({
              intent: skipped.length ? 'warning' : 'success',
              title: `Created ${created} connection${created === 1 ? '' : 's'}`,
              text: skipped.map((item) => `${item.displayName}: ${item.reason}`).join(' '),
            })
          }}
        />
        <CopyAsCommandDialog connection={commanding} onClose={() => setCommanding(null)} />
        <ImportFromToolDialog
          open={importing}
          onClose={(imported) => {
            setImporting(false)
            if (imported) void options.refresh()
          }}
        />
      </>
    ),
  }
}
