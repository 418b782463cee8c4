/** The one way an IPC failure is shown: what happened as the title, then the cause and the next step. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components'
import type { ReactNode } from 'react'
import type { AppError } from '@common/result'
import { Masked } from '../features/presentation/Masked'

export interface ErrorBarProps {
  readonly error: AppError
  /** Cancelled runs and degraded features are warnings; everything else is an error. */
  readonly intent?: 'error' | 'warning'
  /** What could not be done, shown before main's message ("Connections could not be loaded:"). */
  readonly lead?: string
  /** Buttons that act on the failure (start fresh, retry). */
  readonly actions?: ReactNode
  readonly onDismiss?: () => void
  /** More detail under the next step (the catalog's diagnoses of a query failure). */
  readonly children?: ReactNode
  readonly 'data-testid'?: string
}

/** Every part is masked as diagnostic text: errors name tenants, apps and hosts. */
export function ErrorBar({
  error,
  intent = 'error',
  lead,
  actions,
  onDismiss,
  children,
  'data-testid': testId,
}: ErrorBarProps) {
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId} data-error-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>
          {lead ? `${lead} ` : ''}
          <Masked value={error.message} kind="diagnostic" />
        </MessageBarTitle>
        {error.cause.trim() !== '' && (
          <div>
            <Masked value={error.cause} kind="diagnostic" />
          </div>
        )}
        {error.next.trim() !== '' && (
          <div>
            <Masked value={error.next} kind="diagnostic" />
          </div>
        )}
        {children}
      </MessageBarBody>
      {(actions || onDismiss) && (
        <MessageBarActions>
          {actions}
          {onDismiss && (
            <Button size="small" appearance="transparent" onClick={onDismiss}>
              Dismiss
            </Button>
          )}
        </MessageBarActions>
      )}
    </MessageBar>
  )
}
