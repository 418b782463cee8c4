/** The tab strip and the active tab's panel, closable by mouse or keyboard. */
import { Button, makeStyles, Tab, TabList, tokens } from '@fluentui/react-components'
import { Add16Regular, Dismiss12Regular } from '@fluentui/react-icons'
import type { ReactNode } from 'react'
import { closable, type WorkspaceTab } from './workspace'

const useStyles = makeStyles({
  container: { display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' },
  strip: {
    display: 'flex',
    alignItems: 'center',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingInline: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  tabLabel: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  close: {
    display: 'inline-flex',
    padding: '2px',
    borderRadius: tokens.borderRadiusSmall,
    color: tokens.colorNeutralForeground3,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
  },
  panel: { flex: 1, minHeight: 0, overflow: 'auto' },
})

export interface WorkspaceTabsProps {
  readonly tabs: readonly WorkspaceTab[]
  readonly activeId: string
  /** The label shown on a tab (masked while presenting). */
  readonly titleOf: (tab: WorkspaceTab) => string
  readonly onActivate: (tabId: string) => void
  readonly onClose: (tabId: string) => void
  readonly render: (tab: WorkspaceTab) => ReactNode
  /** Opens a new query tab (the "+" at the end of the strip). */
  readonly onNewQuery?: () => void
}

/** The strip of open tabs and the panel of the active one. */
export function WorkspaceTabs({
  tabs,
  activeId,
  titleOf,
  onActivate,
  onClose,
  render,
  onNewQuery,
}: WorkspaceTabsProps) {
  const styles = useStyles()
  const active = tabs.find((tab) => tab.id === activeId)
  return (
    <div className={styles.container}>
      <div className={styles.strip}>
        <TabList
          selectedValue={activeId}
          onTabSelect={(_event, data) => onActivate(String(data.value))}
          aria-label="Open tabs"
          size="small"
        >
          {tabs.map((tab) => (
            <Tab
              key={tab.id}
              value={tab.id}
              id={`tab-${tab.id}`}
              aria-controls={`panel-${tab.id}`}
              aria-keyshortcuts={closable(tab) ? 'Control+W Delete' : undefined}
              onKeyDown={(event) => {
                if (closable(tab) && event.key === 'Delete') onClose(tab.id)
              }}
            >
              <span className={styles.tabLabel}>
                {titleOf(tab)}
                {/* A tab is a button, and a button may not hold another: the mouse gets this icon, the keyboard Delete or Ctrl+W. */}
                {closable(tab) && (
                  <span
                    className={styles.close}
                    title={`Close ${titleOf(tab)}`}
                    data-testid={`close-tab-${tab.id}`}
                    aria-hidden
                    onClick={(event) => {
                      event.stopPropagation()
                      onClose(tab.id)
                    }}
                  >
                    <Dismiss12Regular />
                  </span>
                )}
              </span>
            </Tab>
          ))}
        </TabList>
        {onNewQuery && (
          <Button
            appearance="subtle"
            size="small"
            icon={<Add16Regular />}
            aria-label="New query"
            title="New query"
            onClick={onNewQuery}
            data-testid="new-query"
          />
        )}
      </div>
      {active && (
        <div className={styles.panel} role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`}>
          {render(active)}
        </div>
      )}
    </div>
  )
}
