/** The editor's first lines: where the environment is (any pasted URL, with its preview), its name and cloud. */
import { Dropdown, Field, Input, Option } from '@fluentui/react-components'
import { Globe16Regular } from '@fluentui/react-icons'
import { cloudLabel, CLOUDS, type Cloud } from '@common/clouds'
import { useMaskedField } from '../presentation/use-masked-field'
import { authorityHostForCloud } from './editor-state'
import { useEditorStyles } from './editor-styles'
import type { ConnectionEditorModel } from './use-connection-editor'
import { UrlPreview } from './UrlPreview'

export function EditorIdentitySection({ editor }: { readonly editor: ConnectionEditorModel }) {
  const styles = useEditorStyles()
  const { form, update, show, preview } = editor
  const urlField = useMaskedField(form.urlInput, 'diagnostic')
  const nameField = useMaskedField(form.name, 'text')
  return (
    <>
      <Field
        label="Environment URL"
        required
        hint={urlField.hint ?? 'Paste any URL you have: the org URL, a main.aspx link, the Web API URL…'}
        validationMessage={show('urlInput')}
      >
        <Input
          value={urlField.value}
          readOnly={urlField.readOnly}
          onChange={(_event, data) => update({ urlInput: data.value }, 'urlInput')}
          placeholder="https://contoso.crm4.dynamics.com/main.aspx?…"
          contentBefore={<Globe16Regular />}
          data-testid="url-input"
          autoFocus
        />
      </Field>
      <UrlPreview preview={preview} />

      <div className={styles.row}>
        <Field label="Name" required hint={nameField.hint} validationMessage={show('name')}>
          <Input
            value={nameField.value}
            readOnly={nameField.readOnly}
            onChange={(_event, data) => update({ name: data.value }, 'name')}
            data-testid="name-input"
          />
        </Field>
        <Field label="Cloud" required validationMessage={show('cloud')}>
          <Dropdown
            value={form.cloud ? cloudLabel(form.cloud) : ''}
            selectedOptions={form.cloud ? [form.cloud] : []}
            placeholder="Choose the cloud"
            onOptionSelect={(_event, data) => {
              const cloud = data.optionValue as Cloud
              update({ cloud, authorityHost: authorityHostForCloud(form, cloud) }, 'cloud')
            }}
            data-testid="cloud-select"
          >
            {CLOUDS.map((cloud) => (
              <Option key={cloud} value={cloud}>
                {cloudLabel(cloud)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
    </>
  )
}
