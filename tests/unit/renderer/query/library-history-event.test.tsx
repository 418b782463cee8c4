import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { bridgeListenerName, type DataverseBridge, type EventPayloadOf } from '@common/contract'
import type { HistoryEntry, SavedQuery } from '@common/query/workspace'
import { LibraryPanel } from '../../../../renderer/src/features/query/LibraryPanel'
import { fakeBridge, installBridge, ok } from '../../../support/fake-bridge'

type HistoryListener = (payload: EventPayloadOf<'history:changed'>) => void

function entry(id: string, text: string): HistoryEntry {
  return {
    id,
    connectionId: 'c1',
    at: '2026-12-01T10:00:00.000Z',
    mode: 'odata',
    method: 'GET',
    text,
    status: 200,
    outcome: 'ok',
    rowCount: 1,
    durationMs: 20,
  }
}

/** A bridge whose history lives in `entries`; `emit` plays main announcing a change. */
function historyBridge(entries: HistoryEntry[], saved: SavedQuery[] = []) {
  const listeners = new Set<HistoryListener>()
  let historyReads = 0
  let savedReads = 0
  const subscribe = (listener: HistoryListener) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }
  installBridge(
    fakeBridge({
      historyList: () => {
        historyReads++
        return ok({ entries: [...entries] })
      },
      savedQueriesList: () => {
        savedReads++
        return ok({ queries: [...saved] })
      },
      [bridgeListenerName('history:changed')]: subscribe,
    } as Partial<DataverseBridge>),
  )
  return {
    emit: (payload: EventPayloadOf<'history:changed'>) => listeners.forEach((listener) => listener(payload)),
    listening: () => listeners.size,
    historyReads: () => historyReads,
    savedReads: () => savedReads,
  }
}

describe('the library lists history as main announces it', { timeout: 20_000 }, () => {
  it('shows a run main recorded after the list was read, with no counter from the tab', async () => {
    const entries = [entry('h1', 'accounts?$top=1')]
    const fake = historyBridge(entries)
    render(<LibraryPanel connectionId="c1" lastSaved={null} onOpen={() => undefined} />)
    await userEvent.click(screen.getByRole('tab', { name: 'History' }))
    await waitFor(() => expect(screen.getAllByTestId('history-entry')).toHaveLength(1))
    expect(fake.listening()).toBe(1)

    entries.unshift(entry('h2', 'contacts?$select=fullname'))
    fake.emit({ connectionId: 'c1' })
    await waitFor(() => expect(screen.getAllByTestId('history-entry')).toHaveLength(2))
    expect(screen.getByText('contacts?$select=fullname')).toBeTruthy()
  })

  it('stops listening when the history view is left', async () => {
    const fake = historyBridge([entry('h1', 'accounts')])
    render(<LibraryPanel connectionId="c1" lastSaved={null} onOpen={() => undefined} />)
    await userEvent.click(screen.getByRole('tab', { name: 'History' }))
    await waitFor(() => expect(fake.listening()).toBe(1))
    await userEvent.click(screen.getByRole('tab', { name: 'Saved' }))
    await waitFor(() => expect(fake.listening()).toBe(0))
    const reads = fake.historyReads()
    fake.emit({ connectionId: 'c1' })
    expect(fake.historyReads()).toBe(reads)
  })

  it('reads the saved list again after this tab saved a query', async () => {
    const saved: SavedQuery[] = []
    const fake = historyBridge([], saved)
    const view = render(<LibraryPanel connectionId="c1" lastSaved={null} onOpen={() => undefined} />)
    await waitFor(() => expect(fake.savedReads()).toBe(1))
    const query: SavedQuery = {
      id: 's1',
      name: 'Top accounts',
      description: '',
      tags: [],
      mode: 'odata',
      text: 'accounts?$top=5',
      connectionId: 'c1',
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    }
    saved.push(query)
    view.rerender(<LibraryPanel connectionId="c1" lastSaved={query} onOpen={() => undefined} />)
    await waitFor(() => expect(screen.getAllByTestId('saved-query')).toHaveLength(1))
  })
})
