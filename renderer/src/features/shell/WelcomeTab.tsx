/** The welcome tab: the app's three jobs, one click each. */
import { Body1, Card, CardHeader, makeStyles, Text, Title2, tokens } from '@fluentui/react-components'
import {
  BookQuestionMark24Regular,
  CheckmarkStarburst24Regular,
  DocumentSearch24Regular,
  KeyMultiple24Regular,
} from '@fluentui/react-icons'
import type { DiagnosticsTool } from './workspace'

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '960px',
  },
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  icon: { color: tokens.colorBrandForeground1 },
})

interface Job {
  readonly icon: typeof BookQuestionMark24Regular
  readonly title: string
  readonly text: string
  readonly tool?: DiagnosticsTool | 'check'
  readonly query?: boolean
}

const jobs: readonly Job[] = [
  {
    icon: CheckmarkStarburst24Regular,
    title: 'Test a connection',
    text: 'Check an application user end to end: tenant, app registration, secret or certificate, token, application user, roles and privileges. Tests the selected connection, or the offline sample when none is selected.',
    tool: 'check',
  },
  {
    icon: BookQuestionMark24Regular,
    title: 'Explain an error',
    text: 'Paste an AADSTS code, an MSAL message or a Dataverse fault and get the cause in plain words with the exact fix.',
    tool: 'explain',
  },
  {
    icon: KeyMultiple24Regular,
    title: 'Inspect a token',
    text: 'Paste an access token to see its audience, tenant, app and expiry in plain words, and what is wrong with it.',
    tool: 'token',
  },
  {
    icon: DocumentSearch24Regular,
    title: 'Query the Web API',
    text: 'Write OData with completion for your tables and columns, page through results and export them.',
    query: true,
  },
]

export interface WelcomeTabProps {
  readonly onOpenTool: (tool: DiagnosticsTool) => void
  /** Tests the selected connection (the offline sample when none is selected). */
  readonly onTestConnection: () => void
  readonly onNewQuery: () => void
}

export function WelcomeTab({ onOpenTool, onTestConnection, onNewQuery }: WelcomeTabProps) {
  const styles = useStyles()
  return (
    <section className={styles.page} aria-label="Welcome" data-testid="welcome">
      <Title2 as="h1">Welcome to Dataverse Workbench</Title2>
      <Body1>Pick a connection on the left, or start with one of these.</Body1>
      <div className={styles.cards}>
        {jobs.map(({ icon: Icon, title, text, tool, query }) => (
          <Card
            key={title}
            appearance="filled-alternative"
            {...(tool
              ? {
                  onClick: () => (tool === 'check' ? onTestConnection() : onOpenTool(tool)),
                  role: 'button',
                  'aria-label': title,
                  'data-testid': `welcome-${tool}`,
                }
              : {})}
            {...(query
              ? { onClick: onNewQuery, role: 'button', 'aria-label': title, 'data-testid': 'welcome-new-query' }
              : {})}
          >
            <CardHeader
              image={<Icon className={styles.icon} aria-hidden />}
              header={<Text weight="semibold">{title}</Text>}
              description={<Text size={200}>{text}</Text>}
            />
          </Card>
        ))}
      </div>
    </section>
  )
}
