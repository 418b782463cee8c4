import { makeStyles, Text, tokens } from '@fluentui/react-components'
import { Database24Regular } from '@fluentui/react-icons'

const useStyles = makeStyles({
  header: {
    gridArea: 'header',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingInline: tokens.spacingHorizontalL,
    height: '48px',
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  subtitle: { opacity: 0.85 },
})

export function AppHeader() {
  const styles = useStyles()
  return (
    <header className={styles.header} role="banner">
      <Database24Regular aria-hidden />
      <Text size={400} className={styles.title}>
        Dataverse Workbench
      </Text>
      <Text size={200} className={styles.subtitle}>
        Application user toolkit
      </Text>
    </header>
  )
}
