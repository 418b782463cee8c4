/**
 * The connection editor's state and actions, apart from its layout: the form, the live URL preview,
 * field errors (local and from main), tenant discovery, the certificate dialog, and the sealed save.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ConnectionView, NormalizeResult } from '@common/connection'
import type { DiscoveryResult } from '@common/contract/connections'
import type { AppError } from '@common/result'
import { BridgeError, bridge, describeError, toAppError, unwrap } from '../../bridge'
import { usePresentation } from '../presentation/use-presentation'
import {
  draftFromForm,
  emptyForm,
  formFromConnection,
  hasErrors,
  validate,
  withPreview,
  type EditorErrors,
  type EditorField,
  type EditorForm,
} from './editor-state'
import { forgetSealingKey, seal } from './seal'
import { useConnections } from './use-connections'

const FIELD_FOR_DETAIL: Partial<Record<string, EditorField>> = {
  certificatePath: 'certificate',
  password: 'password',
  secret: 'secret',
  authorityHost: 'authorityHost',
}

interface DiscoveryState {
  readonly busy: boolean
  readonly result: DiscoveryResult | null
  readonly error: AppError | null
}

export function useConnectionEditor(connectionId: string | null, onSaved: (connection: ConnectionView) => void) {
  const presentation = usePresentation()
  const { connections } = useConnections()
  const existing = useMemo(
    () => (connectionId ? (connections.find((c) => c.id === connectionId) ?? null) : null),
    [connections, connectionId],
  )
  const builtIn = existing !== null && existing.builtIn !== null
  const [form, setForm] = useState<EditorForm>(() => (existing ? formFromConnection(existing) : emptyForm()))
  const [preview, setPreview] = useState<NormalizeResult | null>(null)
  const [touched, setTouched] = useState<Partial<Record<EditorField, boolean>>>({})
  const [submitted, setSubmitted] = useState(false)
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<AppError | null>(null)
  const [serverErrors, setServerErrors] = useState<EditorErrors>({})
  const [discovery, setDiscovery] = useState<DiscoveryState>({ busy: false, result: null, error: null })
  const loaded = useRef(existing !== null)

  useEffect(() => {
    // The list may arrive after the tab opens; load the connection once it is known.
    if (loaded.current || !existing) return
    loaded.current = true
    setForm(formFromConnection(existing))
  }, [existing])

  useEffect(() => {
    const input = form.urlInput
    if (!input.trim()) {
      setPreview(null)
      return
    }
    let live = true
    const timer = setTimeout(() => {
      void unwrap(bridge().connectionsNormalizeUrl({ input })).then((result) => {
        if (!live) return
        setPreview(result)
        setForm((current) => withPreview(current, result))
      })
    }, 200)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [form.urlInput])

  const update = (patch: Partial<EditorForm>, field?: EditorField) => {
    setForm((current) => ({ ...current, ...patch }))
    if (field) {
      setTouched((current) => ({ ...current, [field]: true }))
      setServerErrors((current) => ({ ...current, [field]: undefined }))
    }
  }

  const errors = useMemo(
    () => ({ ...validate(form, preview), ...Object.fromEntries(Object.entries(serverErrors).filter(([, v]) => v)) }),
    [form, preview, serverErrors],
  )
  /** A field's message once the user touched it or tried to save, masked while presenting. */
  const show = (field: EditorField) => {
    const message = ((submitted || touched[field]) && errors[field]) || undefined
    return message && presentation.mask(message, 'text')
  }
  const orgUrl = preview?.ok ? preview.value.orgUrl : null
  const apiVersion = preview?.ok ? preview.value.apiVersion : '9.2'

  const discover = async () => {
    if (!orgUrl) return
    setDiscovery({ busy: true, result: null, error: null })
    try {
      const result = await unwrap(
        bridge().connectionsDiscoverTenant({ orgUrl, apiVersion, tenantId: form.tenantId.trim() }),
      )
      setDiscovery({ busy: false, result, error: null })
      setForm((current) => ({
        ...current,
        authorityHost: result.authorityHost,
        tenantId: result.comparison === 'empty' ? result.tenantId : current.tenantId,
      }))
      setTouched((current) => ({ ...current, tenantId: true, authorityHost: true }))
    } catch (caught) {
      setDiscovery({ busy: false, result: null, error: toAppError(caught) })
    }
  }

  const pickCertificate = async () => {
    try {
      const picked = await unwrap(bridge().connectionsPickCertificate())
      if (!picked.certificatePath) return
      update(
        {
          certificatePath: picked.certificatePath,
          keyPath: picked.keyPath,
          certificate: picked.certificate,
          certificateNeedsPassword: picked.needsPassword,
          certificateProblem: picked.problem,
          passwordAction: picked.needsPassword ? 'set' : 'clear',
          passwordValue: '',
        },
        'certificate',
      )
    } catch (caught) {
      setFailure(toAppError(caught))
    }
  }

  const openWithPassword = async () => {
    try {
      const certificate = await unwrap(
        bridge().connectionsInspectCertificate({
          certificatePath: form.certificatePath,
          keyPath: form.keyPath,
          password: form.passwordValue
            ? { action: 'set', sealed: await seal(form.passwordValue) }
            : { action: form.passwordAction === 'keep' ? 'keep' : 'clear' },
          connectionId,
        }),
      )
      update(
        {
          certificate,
          certificateProblem: null,
          certificateNeedsPassword: false,
          passwordAction: form.passwordValue ? 'set' : form.passwordAction,
        },
        'password',
      )
    } catch (caught) {
      const error = toAppError(caught)
      setServerErrors((current) => ({ ...current, password: describeError(error) }))
      setTouched((current) => ({ ...current, password: true }))
    }
  }

  const save = useCallback(async () => {
    if (builtIn) return
    setSubmitted(true)
    setFailure(null)
    if (hasErrors(errors) || !orgUrl) return
    setSaving(true)
    const attempt = async () =>
      unwrap(bridge().connectionsSave({ id: connectionId, draft: await draftFromForm(form, orgUrl, apiVersion, seal) }))
    try {
      let saved: ConnectionView
      try {
        saved = await attempt()
      } catch (caught) {
        // main restarted since the key was fetched: fetch the new key and seal again, once.
        if (!(caught instanceof BridgeError && caught.error.code === 'SECRET_KEY_STALE')) throw caught
        forgetSealingKey()
        saved = await attempt()
      }
      setForm(formFromConnection(saved))
      setSubmitted(false)
      setTouched({})
      setServerErrors({})
      onSaved(saved)
    } catch (caught) {
      const error = toAppError(caught)
      const field = typeof error.details?.field === 'string' ? FIELD_FOR_DETAIL[error.details.field] : undefined
      if (field) setServerErrors((current) => ({ ...current, [field]: describeError(error) }))
      setFailure(error)
    } finally {
      setSaving(false)
    }
  }, [builtIn, errors, orgUrl, apiVersion, form, connectionId, onSaved])

  return {
    existing,
    builtIn,
    form,
    setForm,
    preview,
    orgUrl,
    update,
    errors,
    show,
    submitted,
    saving,
    failure,
    discovery,
    discover,
    pickCertificate,
    openWithPassword,
    save,
  }
}

export type ConnectionEditorModel = ReturnType<typeof useConnectionEditor>
