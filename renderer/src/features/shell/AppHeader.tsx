/** The header bar: the app's tools, Test connection, and the presentation switch. */
import { Button, makeStyles, mergeClasses, Text, ToggleButton, tokens, Tooltip } from '@fluentui/react-components'
import {
  ArrowSwap20Regular,
  BookQuestionMark20Regular,
  CheckmarkStarburst20Regular,
  Gauge20Regular,
  Database24Regular,
  EyeOff20Regular,
  KeyMultiple20Regular,
  SlideText20Regular,
} from '@fluentui/react-icons'
import { usePresentation } from '../presentation/use-presentation'
import type { DiagnosticsTool } from './workspace'

const useStyles = makeStyles({
  header: {
    gridArea: 'header',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingInline: tokens.spacingHorizontalL,
    minHeight: '48px',
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  subtitle: { opacity: 0.85 },
  tools: { marginInlineStart: 'auto', display: 'flex', gap: tokens.spacingHorizontalS },
  // Fluent's transparent button turns brand-coloured on hover, which would vanish on the brand bar.
  tool: {
    color: tokens.colorNeutralForegroundOnBrand,
    whiteSpace: 'nowrap',
    ':hover': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundHover },
    ':hover:active': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorBrandBackgroundPressed,
    },
  },
  // Unmissable for the presenter, and it tells the audience why ids look the way they do.
  presenting: {
    backgroundColor: tokens.colorPaletteMarigoldBackground3,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorPaletteMarigoldBorderActive, color: tokens.colorNeutralForeground1 },
    ':hover:active': {
      backgroundColor: tokens.colorPaletteMarigoldBorderActive,
      color: tokens.colorNeutralForeground1,
    },
  },
})

export interface AppHeaderProps {
  readonly onOpenTool: (tool: DiagnosticsTool) => void
  /** Tests the selected connection (the offline sample when none is selected). */
  readonly onTestConnection: () => void
  /** The selected connection's name, for the button's tooltip. */
  readonly currentName: string | null
}

export function AppHeader({ onOpenTool, onTestConnection, currentName }: AppHeaderProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  return (
    <header className={styles.header} role="banner">
      <Database24Regular aria-hidden />
      <Text size={400} className={styles.title}>
        Dataverse Workbench
      </Text>
      {!presentation.on && (
        <Text size={200} className={styles.subtitle}>
          Application user toolkit
        </Text>
      )}
      <nav className={styles.tools} aria-label="Tools">
        <Button
          appearance="transparent"
          className={styles.tool}
          icon={<CheckmarkStarburst20Regular />}
          onClick={onTestConnection}
          title={
            currentName
              ? `Run the preflight check on ${currentName}`
              : 'Run the preflight check on the offline sample environment'
          }
          data-testid="header-test-connection"
        >
          Test connection
        </Button>
        <Button
          appearance="transparent"
          className={styles.tool}
          icon={<BookQuestionMark20Regular />}
          onClick={() => onOpenTool('explain')}
        >
          Explain an error
        </Button>
        <Button
          appearance="transparent"
          className={styles.tool}
          icon={<KeyMultiple20Regular />}
          onClick={() => onOpenTool('token')}
        >
          Token inspector
        </Button>
        <Button
          appearance="transparent"
          className={styles.tool}
          icon={<ArrowSwap20Regular />}
          onClick={() => onOpenTool('requests')}
          data-testid="header-requests"
        >
          Requests
        </Button>
        <Button
          appearance="transparent"
          className={styles.tool}
          icon={<Gauge20Regular />}
          onClick={() => onOpenTool('limits')}
          title="Service-protection budget of the selected connection, and the documented platform limits"
          data-testid="header-limits"
        >
          Limits
        </Button>
        <Tooltip
          content="Presentation mode: larger type, masked ids and e-mail addresses (Ctrl+Shift+P)"
          relationship="description"
        >
          <ToggleButton
            appearance="transparent"
            className={mergeClasses(styles.tool, presentation.on && styles.presenting)}
            icon={presentation.on ? <EyeOff20Regular /> : <SlideText20Regular />}
            checked={presentation.on}
            onClick={presentation.toggle}
            data-testid="presentation-toggle"
          >
            {presentation.on ? <span data-testid="presentation-indicator">Presenting · ids hidden</span> : 'Present'}
          </ToggleButton>
        </Tooltip>
      </nav>
    </header>
  )
}
