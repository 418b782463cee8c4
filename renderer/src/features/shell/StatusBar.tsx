import { makeStyles, Text, tokens } from '@fluentui/react-components'
import type { AppInfo } from '../../../../common/contract/app'
import { useAppInfo } from '../../hooks/use-app-info'

const useStyles = makeStyles({
  bar: {
    gridArea: 'status',
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    paddingInline: tokens.spacingHorizontalM,
    height: '26px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
  },
})

export function describeRuntime(info: AppInfo): string {
  const parts = [`${info.name} ${info.version}`]
  if (info.electron) parts.push(`Electron ${info.electron}`)
  if (info.chromium) parts.push(`Chromium ${info.chromium}`)
  parts.push(`Node ${info.node}`, `${info.platform} ${info.arch}`)
  return parts.join(' · ')
}

export function StatusBar() {
  const styles = useStyles()
  const appInfo = useAppInfo()
  return (
    <footer className={styles.bar} role="contentinfo" data-testid="status-bar">
      <Text size={200}>No connection selected</Text>
      <Text size={200} data-testid="app-info">
        {appInfo.status === 'ready' && describeRuntime(appInfo.info)}
        {appInfo.status === 'loading' && 'Loading…'}
        {appInfo.status === 'error' && `App info unavailable: ${appInfo.message}`}
      </Text>
    </footer>
  )
}
