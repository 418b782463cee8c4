/** One connection in the rail: colour stripe, name with badges, host, and its actions menu. */
import { Caption1, mergeClasses } from '@fluentui/react-components'
import type { ReactNode } from 'react'
import type { ConnectionView } from '@common/connection'
import { Masked } from '../presentation/Masked'
import { usePresentation } from '../presentation/use-presentation'
import { ConnectionBadges, hostOf } from './ConnectionBadges'
import { ConnectionItemMenu } from './ConnectionItemMenu'
import { useRailStyles } from './rail-styles'

export interface ConnectionItemProps {
  readonly connection: ConnectionView
  readonly selected: boolean
  readonly onSelect: () => void
  readonly onEdit: () => void
  readonly onTest: () => void
  readonly onDuplicate: () => void
  readonly onCopyToken: () => void
  readonly onDelete: () => void
  readonly menuExtra?: ReactNode
}

export function ConnectionItem(props: ConnectionItemProps) {
  const styles = useRailStyles()
  const presentation = usePresentation()
  const { connection, selected } = props
  return (
    <li
      className={mergeClasses(
        styles.item,
        connection.environment === 'prod' && styles.prod,
        selected && styles.selected,
      )}
      data-testid="connection-item"
      data-connection-name={connection.name}
    >
      <span
        className={styles.stripe}
        style={{ backgroundColor: connection.colour }}
        aria-hidden
        data-testid="colour-stripe"
      />
      <button
        type="button"
        className={styles.select}
        aria-pressed={selected}
        data-connection-id={connection.id}
        onClick={props.onSelect}
        onDoubleClick={props.onEdit}
      >
        <span className={styles.nameRow}>
          <span className={mergeClasses(styles.name, presentation.on && styles.nameWrapped)}>
            <Masked value={connection.name} />
          </span>
          <ConnectionBadges connection={connection} showTest />
        </span>
        <Caption1 className={styles.host}>{hostOf(connection.orgUrl)}</Caption1>
      </button>
      <ConnectionItemMenu
        connection={connection}
        className={styles.more}
        onTest={props.onTest}
        onEdit={props.onEdit}
        onDuplicate={props.onDuplicate}
        onCopyToken={props.onCopyToken}
        onDelete={props.onDelete}
        extra={props.menuExtra}
      />
    </li>
  )
}
