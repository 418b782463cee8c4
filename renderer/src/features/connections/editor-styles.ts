/** The connection editor's layout, shared by its sections so they line up as one form. */
import { makeStyles, tokens } from '@fluentui/react-components'

export const useEditorStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: '860px',
  },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  swatch: { width: '14px', height: '14px', borderRadius: '50%', flexShrink: 0 },
  row: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalL },
  inline: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  grow: { flex: 1 },
  swatches: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  swatchButton: {
    width: '24px',
    height: '24px',
    borderRadius: '50%',
    border: `2px solid ${tokens.colorNeutralBackground1}`,
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  swatchChosen: { boxShadow: `0 0 0 2px ${tokens.colorNeutralForeground1}` },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, paddingTop: tokens.spacingVerticalS },
  // A built-in connection is shown, not edited: one disabled fieldset turns every control off at once.
  fieldset: { display: 'contents', border: 'none', margin: 0, padding: 0, minWidth: 0 },
  signInHost: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
})
