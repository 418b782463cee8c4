import type { OpenTabs } from '@common/query/workspace'
import type { DocumentStore } from '../store/document-store'
import { redactQueryText } from './redact'

/** The query tabs that were open, restored after a restart. */
export class OpenTabsStore {
  constructor(private readonly store: DocumentStore<OpenTabs>) {}

  async load(): Promise<OpenTabs> {
    return this.store.read()
  }

  async save(tabs: OpenTabs): Promise<void> {
    this.store.update(() => ({ ...tabs, tabs: tabs.tabs.map((tab) => ({ ...tab, text: redactQueryText(tab.text) })) }))
  }
}
