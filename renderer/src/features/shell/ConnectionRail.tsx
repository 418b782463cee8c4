import { makeStyles, SearchBox, Subtitle2, Text, tokens } from '@fluentui/react-components'
import { PlugDisconnected48Regular } from '@fluentui/react-icons'
import { useId, useState } from 'react'

const useStyles = makeStyles({
  rail: {
    gridArea: 'rail',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
    overflowY: 'auto',
  },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalXXL,
    color: tokens.colorNeutralForeground3,
  },
})

export function ConnectionRail() {
  const styles = useStyles()
  const headingId = useId()
  const [query, setQuery] = useState('')
  return (
    <nav className={styles.rail} aria-labelledby={headingId} data-testid="connection-rail">
      <Subtitle2 id={headingId}>Connections</Subtitle2>
      <SearchBox
        placeholder="Search connections"
        aria-label="Search connections"
        value={query}
        onChange={(_event, data) => setQuery(data.value)}
      />
      <div className={styles.empty} data-testid="connections-empty">
        <PlugDisconnected48Regular aria-hidden />
        <Text weight="semibold">No saved connections yet</Text>
        <Text size={200}>
          A connection needs the environment URL, the tenant, and an app registration&apos;s client ID with its
          secret or certificate.
        </Text>
      </div>
    </nav>
  )
}
