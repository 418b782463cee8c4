import { Body1, Card, CardHeader, makeStyles, Text, Title2, tokens } from '@fluentui/react-components'
import { BookQuestionMark24Regular, CheckmarkStarburst24Regular, DocumentSearch24Regular } from '@fluentui/react-icons'

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

const jobs: readonly { icon: typeof CheckmarkStarburst24Regular; title: string; text: string; query?: boolean }[] = [
  {
    icon: CheckmarkStarburst24Regular,
    title: 'Test a connection',
    text: 'Check an application user end to end: tenant, app registration, secret or certificate, token, application user, roles and privileges.',
  },
  {
    icon: BookQuestionMark24Regular,
    title: 'Explain an error',
    text: 'Paste an AADSTS code, an MSAL message or a Dataverse fault and get the cause in plain words with the exact fix.',
  },
  {
    icon: DocumentSearch24Regular,
    title: 'Query the Web API',
    text: 'Write OData with completion for your tables and columns, page through results and export them.',
    query: true,
  },
]

export function WelcomeTab({ onNewQuery }: { readonly onNewQuery?: () => void }) {
  const styles = useStyles()
  return (
    <section className={styles.page} aria-label="Welcome" data-testid="welcome">
      <Title2 as="h1">Welcome to Dataverse Workbench</Title2>
      <Body1>Pick a connection on the left, or start with one of these.</Body1>
      <div className={styles.cards}>
        {jobs.map(({ icon: Icon, title, text, query }) => (
          <Card
            key={title}
            appearance="filled-alternative"
            {...(query && onNewQuery ? { onClick: onNewQuery, 'aria-label': 'New query', 'data-testid': 'welcome-new-query' } : {})}
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
