import { makeStyles, Text, ToggleButton, tokens, Tooltip } from '@fluentui/react-components'
import { Database24Regular, SlideText20Regular } from '@fluentui/react-icons'
import { usePresentation } from '../presentation/use-presentation'

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
  spacer: { flex: 1 },
  toggle: { color: tokens.colorNeutralForegroundOnBrand },
})

export function AppHeader() {
  const styles = useStyles()
  const presentation = usePresentation()
  return (
    <header className={styles.header} role="banner">
      <Database24Regular aria-hidden />
      <Text size={400} className={styles.title}>
        Dataverse Workbench
      </Text>
      <Text size={200} className={styles.subtitle}>
        Application user toolkit
      </Text>
      <span className={styles.spacer} />
      <Tooltip content="Presentation mode: larger type, masked ids and e-mail addresses (Ctrl+Shift+P)" relationship="description">
        <ToggleButton
          appearance="transparent"
          className={styles.toggle}
          icon={<SlideText20Regular />}
          checked={presentation.on}
          onClick={presentation.toggle}
          data-testid="presentation-toggle"
        >
          {presentation.on ? 'Presenting' : 'Present'}
        </ToggleButton>
      </Tooltip>
    </header>
  )
}
