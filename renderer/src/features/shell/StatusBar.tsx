/** The status bar: the current connection (red when it is production) and the app's runtime. */
import { makeStyles, Text, tokens } from '@fluentui/react-components'
import type { AppInfo } from '@common/contract/app'
import { describeError } from '../../bridge'
import { useAppInfo } from './use-app-info'
import { ConnectionBadges, hostOf } from '../connections/ConnectionBadges'
import { useCurrentConnection } from '../connections/use-connections'
import { Masked } from '../presentation/Masked'

const useStyles = makeStyles({
  bar: {
    gridArea: 'status',
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    paddingInline: tokens.spacingHorizontalM,
    minHeight: '26px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
  },
  prod: { backgroundColor: tokens.colorPaletteRedBackground2, borderTop: `2px solid ${tokens.colorPaletteRedBorder2}` },
  current: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  dot: { width: '10px', height: '10px', borderRadius: '50%', flexShrink: 0 },
})

function describeRuntime(info: AppInfo): string {
  const parts = [`${info.name} ${info.version}`]
  if (info.electron) parts.push(`Electron ${info.electron}`)
  if (info.chromium) parts.push(`Chromium ${info.chromium}`)
  parts.push(`Node ${info.node}`, `${info.platform} ${info.arch}`)
  return parts.join(' · ')
}

export function StatusBar() {
  const styles = useStyles()
  const appInfo = useAppInfo()
  const { current } = useCurrentConnection()
  return (
    <footer
      className={`${styles.bar} ${current?.environment === 'prod' ? styles.prod : ''}`}
      role="contentinfo"
      data-testid="status-bar"
    >
      {current ? (
        <span className={styles.current} data-testid="current-connection">
          <span className={styles.dot} style={{ backgroundColor: current.colour }} aria-hidden />
          <Text size={200} weight="semibold">
            <Masked value={current.name} />
          </Text>
          <Text size={200}>{hostOf(current.orgUrl)}</Text>
          <ConnectionBadges connection={current} />
        </span>
      ) : (
        <Text size={200}>No connection selected</Text>
      )}
      <Text
        size={200}
        data-testid="app-info"
        title={appInfo.status === 'error' ? describeError(appInfo.error) : undefined}
      >
        {appInfo.status === 'ready' && describeRuntime(appInfo.info)}
        {appInfo.status === 'loading' && 'Loading…'}
        {appInfo.status === 'error' && `App info unavailable: ${appInfo.error.message}`}
      </Text>
    </footer>
  )
}
