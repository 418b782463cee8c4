/** Shows what the URL normaliser made of the pasted address before it is saved. */
import { Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components'
import { cloudLabel } from '@common/clouds'
import type { NormalizeResult } from '@common/connection'
import { Masked } from '../presentation/Masked'

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
  },
  label: { fontFamily: tokens.fontFamilyBase, color: tokens.colorNeutralForeground3 },
  warnings: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
})

/** What the normaliser understood from the pasted URL, updated as the user types. */
export function UrlPreview({ preview }: { readonly preview: NormalizeResult | null }) {
  const styles = useStyles()
  if (!preview) return null
  if (!preview.ok) {
    return (
      <MessageBar intent="error" layout="multiline" data-testid="url-problem">
        <MessageBarBody>
          <MessageBarTitle>
            <Masked value={preview.problem.message} kind="diagnostic" />
          </MessageBarTitle>
          <Masked value={preview.problem.next} kind="diagnostic" />
        </MessageBarBody>
      </MessageBar>
    )
  }
  const value = preview.value
  const rows: Array<[string, string]> = [
    ['Org URL', value.orgUrl],
    ['Web API', value.webApiUrl],
    ['Scope', value.scope],
    ['Cloud', value.cloud ? cloudLabel(value.cloud) : 'unknown — choose below'],
    ['Region', value.region ? `${value.region.code} · ${value.region.name} (${value.region.crm})` : '—'],
    ['Sign-in host', value.authorityHost ?? 'unknown — use Discover tenant'],
  ]
  return (
    <div className={styles.warnings}>
      <div className={styles.grid} data-testid="url-preview" aria-live="polite">
        {rows.map(([label, text]) => (
          <span key={label} style={{ display: 'contents' }}>
            <Caption1 className={styles.label}>{label}</Caption1>
            <span data-testid={`preview-${label.toLowerCase().replaceAll(' ', '-')}`}>
              <Masked value={text} kind="diagnostic" />
            </span>
          </span>
        ))}
      </div>
      {value.warnings.map((warning) => (
        <MessageBar
          key={warning.id}
          intent="warning"
          layout="multiline"
          data-testid="url-warning"
          data-warning-id={warning.id}
        >
          <MessageBarBody>
            <Masked value={warning.message} kind="diagnostic" />
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  )
}
