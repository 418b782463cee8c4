/** The rail's "Check all" entry: opens the dialog that checks a customer's or any chosen connections. */
import { Button, Tooltip } from '@fluentui/react-components'
import { TableSimpleCheckmark20Regular } from '@fluentui/react-icons'
import { useState } from 'react'
import { CheckAllDialog } from './CheckAllDialog'

export function CheckAllButton() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Tooltip content="Check all: many connections at once, as a matrix" relationship="label">
        <Button
          appearance="subtle"
          icon={<TableSimpleCheckmark20Regular />}
          onClick={() => setOpen(true)}
          data-testid="check-all"
        />
      </Tooltip>
      <CheckAllDialog open={open} onClose={() => setOpen(false)} />
    </>
  )
}
