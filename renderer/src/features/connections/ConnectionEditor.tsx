/**
 * Create or edit a connection: the form's frame (title, production and built-in banners, save bar)
 * around its sections. State and actions live in use-connection-editor.ts.
 */
import {
  Badge,
  Button,
  Divider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title3,
} from '@fluentui/react-components'
import { Save20Regular } from '@fluentui/react-icons'
import type { KeyboardEvent } from 'react'
import type { ConnectionView } from '@common/connection'
import { ErrorBar } from '../../ui/ErrorBar'
import { Masked } from '../presentation/Masked'
import { effectiveColour, hasErrors } from './editor-state'
import { useEditorStyles } from './editor-styles'
import { EditorAdvancedSection } from './EditorAdvancedSection'
import { EditorCredentialSection } from './EditorCredentialSection'
import { EditorIdentitySection } from './EditorIdentitySection'
import { EditorSignInSection } from './EditorSignInSection'
import { useConnectionEditor } from './use-connection-editor'

export interface ConnectionEditorProps {
  /** null: a new connection. */
  readonly connectionId: string | null
  readonly onSaved: (connection: ConnectionView) => void
  readonly onCancel: () => void
}

export function ConnectionEditor({ connectionId, onSaved, onCancel }: ConnectionEditorProps) {
  const styles = useEditorStyles()
  const editor = useConnectionEditor(connectionId, onSaved)
  const { existing, builtIn, form, errors, submitted, saving, failure, save } = editor

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault()
      void save()
    }
  }

  return (
    <form
      className={styles.page}
      aria-label={existing ? `${builtIn ? 'Settings of' : 'Edit'} ${existing.name}` : 'New connection'}
      data-testid="connection-editor"
      data-built-in={builtIn || undefined}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className={styles.header}>
        <span className={styles.swatch} style={{ backgroundColor: effectiveColour(form) }} aria-hidden />
        <Title3 as="h1">
          {existing ? (
            <>
              {builtIn ? 'Settings of' : 'Edit'} <Masked value={existing.name} />
            </>
          ) : (
            'New connection'
          )}
        </Title3>
        {form.environment === 'prod' && (
          <Badge appearance="filled" color="danger" data-testid="prod-badge">
            PROD
          </Badge>
        )}
      </div>
      {builtIn && (
        <MessageBar intent="info" data-testid="built-in-settings">
          <MessageBarBody>
            <MessageBarTitle>Built into the app</MessageBarTitle>
            These settings come with the app and cannot be changed. The Test connection panel switches which sample app
            it signs in as.
          </MessageBarBody>
        </MessageBar>
      )}
      <fieldset className={styles.fieldset} disabled={builtIn}>
        {form.environment === 'prod' && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Production</MessageBarTitle>
              This connection is shown in red everywhere
              {form.readOnly
                ? ' and only reads data: writes are refused before they are sent.'
                : '. Read-only is OFF: writes will be sent.'}
            </MessageBarBody>
          </MessageBar>
        )}
        <EditorIdentitySection editor={editor} />
        <EditorSignInSection editor={editor} />
        <Divider />
        <EditorCredentialSection editor={editor} />
        <Divider />
        <EditorAdvancedSection editor={editor} />
      </fieldset>

      {failure && <ErrorBar error={failure} data-testid="save-error" />}
      {submitted && hasErrors(errors) && (
        <Text role="alert" data-testid="form-errors">
          Fix the highlighted fields to save.
        </Text>
      )}
      <div className={styles.actions}>
        {!builtIn && (
          <Button
            type="submit"
            appearance="primary"
            icon={<Save20Regular />}
            disabled={saving}
            data-testid="save-connection"
          >
            {saving ? 'Saving…' : 'Save'}
          </Button>
        )}
        <Button onClick={onCancel}>Close</Button>
      </div>
    </form>
  )
}
