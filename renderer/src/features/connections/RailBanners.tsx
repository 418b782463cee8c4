/** The rail's banners: a damaged or newer store file, session-only secrets, the last action's notice, loading. */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components'
import { Masked } from '../presentation/Masked'
import type { RailNotice } from './use-rail-actions'
import type { ConnectionsState } from './use-connections'

export interface RailBannersProps {
  readonly state: ConnectionsState
  readonly notice: RailNotice | null
  readonly onDismissNotice: () => void
  readonly onReset: () => void
}

export function RailBanners({ state, notice, onDismissNotice, onReset }: RailBannersProps) {
  return (
    <>
      {state.problem && (
        <MessageBar intent="error" layout="multiline" data-testid="store-problem">
          <MessageBarBody>
            <MessageBarTitle>
              {state.problem.reason === 'newer-version'
                ? 'Saved connections are from a newer app version'
                : 'Saved connections could not be read'}
            </MessageBarTitle>
            {state.problem.reason === 'newer-version'
              ? `${state.problem.file} was left untouched. Update the app to use it.`
              : `${state.problem.file} is damaged (${state.problem.detail}) and was left untouched. A copy is at ${state.problem.copiedTo ?? '(none)'}.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={onReset} data-testid="store-reset">
              Start with an empty list…
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {!state.secretsPersistent && (
        <MessageBar intent="warning" layout="multiline" data-testid="secrets-session-only">
          <MessageBarBody>
            <MessageBarTitle>Secrets last for this session only</MessageBarTitle>
            This computer offers no OS encryption for secrets, so they are kept in memory and forgotten when the app
            closes.
          </MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" data-testid="rail-notice">
          <MessageBarBody>
            <MessageBarTitle>
              <Masked value={notice.title} kind="diagnostic" />
            </MessageBarTitle>
            <Masked value={notice.text} kind="diagnostic" />
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={onDismissNotice}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {state.status === 'loading' && <Spinner size="tiny" label="Loading connections…" />}
      {state.status === 'error' && (
        <MessageBar intent="error" data-testid="connections-error">
          <MessageBarBody>
            Connections could not be loaded: <Masked value={state.error?.message ?? ''} kind="diagnostic" />
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  )
}
