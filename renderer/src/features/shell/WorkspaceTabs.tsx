import { Button, makeStyles, Tab, TabList, tokens } from '@fluentui/react-components'
import { Add16Regular, Dismiss12Regular } from '@fluentui/react-icons'
import type { ReactNode } from 'react'
import type { TabsController, WorkspaceTab } from './use-tabs'

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
  readonly controller: TabsController
  readonly render: (tab: WorkspaceTab) => ReactNode
  /** Opens a new query tab (the "+" at the end of the strip). */
  readonly onNewQuery?: () => void
}

export function WorkspaceTabs({ controller, render, onNewQuery }: WorkspaceTabsProps) {
  const styles = useStyles()
  const active = controller.tabs.find((tab) => tab.id === controller.activeId)
  return (
    <div className={styles.container}>
      <div className={styles.strip}>
        <TabList
          selectedValue={controller.activeId}
          onTabSelect={(_event, data) => controller.activate(String(data.value))}
          aria-label="Open tabs"
          size="small"
        >
          {controller.tabs.map((tab) => (
            <Tab
              key={tab.id}
              value={tab.id}
              id={`tab-${tab.id}`}
              aria-controls={`panel-${tab.id}`}
              aria-keyshortcuts={tab.closable ? 'Control+W Delete' : undefined}
              onKeyDown={(event) => {
                if (tab.closable && event.key === 'Delete') controller.close(tab.id)
              }}
            >
              <span className={styles.tabLabel}>
                {tab.title}
                {/* A tab is a button, and a button may not hold another: the mouse gets this icon, the keyboard Delete or Ctrl+W. */}
                {tab.closable && (
                  <span
                    className={styles.close}
                    title={`Close ${tab.title}`}
                    data-testid={`close-tab-${tab.id}`}
                    aria-hidden
                    onClick={(event) => {
                      event.stopPropagation()
                      controller.close(tab.id)
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
          <Button appearance="subtle" size="small" icon={<Add16Regular />} aria-label="New query" title="New query" onClick={onNewQuery} data-testid="new-query" />
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
