import { act, render, screen, waitFor, within } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EventPayloadOf } from '@common/contract'
import type { BudgetView, LimitsView } from '@common/contract/limits'
import { ConnectionsProvider } from '../../../../renderer/src/features/connections/ConnectionsProvider'
import { useCurrentConnection } from '../../../../renderer/src/features/connections/use-connections'
import { LimitsPanel } from '../../../../renderer/src/features/limits/LimitsPanel'
import { dev, sample } from '../../../support/connection-fixtures'
import { fakeBridge, installBridge, ok } from '../../../support/fake-bridge'

const WINDOW: LimitsView['window'] = {
  seconds: 300,
  requests: 6000,
  executionSeconds: 1200,
  concurrent: 52,
  source: 'https://learn.microsoft.com/power-apps/developer/data-platform/api-limits',
  asOf: '2025',
}

const FACTS: LimitsView['facts'] = [
  {
    label: "Tenant's 24-hour pool for non-licensed users (application users included)",
    value: 'Dynamics 365 Enterprise/Professional tenants: 500,000 + 5,000 per Dynamics 365 user subscription licence.',
    source: 'https://learn.microsoft.com/power-platform/admin/api-request-limits-allocations',
    asOf: '2025-05-29',
    enforced: false,
  },
  {
    label: 'Non-interactive users per environment',
    value: 'At most 7.',
    source: 'https://learn.microsoft.com/power-platform/admin/create-users',
    asOf: '2025',
    enforced: true,
  },
]

function budget(overrides: Partial<BudgetView> = {}): BudgetView {
  return {
    connectionId: 'sample',
    responses: 3,
    observedAt: '2026-11-26T09:00:00.000Z',
    requestsRemaining: 5997,
    executionSecondsRemaining: 1199.46,
    dopHint: 4,
    lastThrottle: null,
    ...overrides,
  }
}

function Select({ id }: { readonly id: string }) {
  const { select } = useCurrentConnection()
  useEffect(() => select(id), [id, select])
  return null
}

function setup(first: BudgetView) {
  const listeners = new Set<(payload: EventPayloadOf<'limits:changed'>) => void>()
  const limitsGet = vi.fn(() => ok({ budget: first, window: WINDOW, facts: FACTS }))
  const opened: string[] = []
  installBridge(
    fakeBridge({
      connectionsList: () =>
        ok({ connections: [sample, dev], problem: null, secretsPersistent: true, sampleScenarios: [], customers: [] }),
      limitsGet,
      appOpenExternal: (input) => {
        opened.push(input.url)
        return ok({ opened: true })
      },
      onLimitsChanged: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    }),
  )
  render(
    <ConnectionsProvider>
      <Select id="sample" />
      <LimitsPanel />
    </ConnectionsProvider>,
  )
  const emit = (payload: BudgetView) => act(() => listeners.forEach((listener) => listener(payload)))
  return { limitsGet, emit, opened, listeners }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the Limits panel', () => {
  it("shows the selected connection's budget against the documented window, and the platform limits with source and date", async () => {
    const { limitsGet, opened } = setup(budget())
    expect(await screen.findByTestId('budget-requests')).toHaveTextContent('5,997 of 6,000')
    expect(limitsGet).toHaveBeenCalledWith({ connectionId: 'sample' })
    expect(screen.getByTestId('budget-execution-time')).toHaveTextContent('19 min 59 s of 20 min')
    expect(screen.getByTestId('budget-concurrency')).toHaveTextContent('at most 52 at once')
    expect(screen.getByTestId('budget-dop')).toHaveTextContent('Dataverse suggests 4 in parallel')
    expect(screen.getByTestId('budget-observed')).toHaveTextContent('from 3 responses of this connection')
    expect(screen.queryByTestId('throttle-notice')).toBeNull()

    const [pool, users] = screen.getAllByTestId('platform-limit')
    expect(pool).toHaveTextContent('500,000 + 5,000 per Dynamics 365 user subscription licence')
    expect(pool).toHaveTextContent('(as of 2025-05-29)')
    expect(within(pool as HTMLElement).getByTestId('not-enforced')).toHaveTextContent('not enforced yet')
    expect(within(users as HTMLElement).queryByTestId('not-enforced')).toBeNull()
    within(pool as HTMLElement)
      .getByRole('link')
      .click()
    await waitFor(() => expect(opened).toEqual([FACTS[0]?.source]))
  })

  it('follows limits:changed for this connection only', async () => {
    const { emit } = setup(budget())
    await screen.findByText('5,997 of 6,000')
    emit(budget({ requestsRemaining: 5990, responses: 10 }))
    expect(screen.getByTestId('budget-requests')).toHaveTextContent('5,990 of 6,000')
    emit(budget({ connectionId: dev.id, requestsRemaining: 12 }))
    expect(screen.getByTestId('budget-requests')).toHaveTextContent('5,990 of 6,000')
  })

  it('before any response says where the numbers will come from', async () => {
    setup(
      budget({
        responses: 0,
        observedAt: null,
        requestsRemaining: null,
        executionSecondsRemaining: null,
        dopHint: null,
      }),
    )
    expect(await screen.findByTestId('budget-requests')).toHaveTextContent('not reported yet')
    expect(screen.getByTestId('budget-observed')).toHaveTextContent('run a query or Test connection')
  })

  it('counts down to Retry-After after a 429, names the limit and what to do, then says it has passed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const at = new Date()
    const { emit } = setup(budget())
    await screen.findByTestId('budget-requests')
    emit(
      budget({
        requestsRemaining: 5990,
        lastThrottle: {
          limit: 'execution-time',
          code: '0x80072321',
          message:
            'Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds.',
          retryAfterSeconds: 75,
          at: at.toISOString(),
          retryAt: new Date(at.getTime() + 75_000).toISOString(),
        },
      }),
    )
    const notice = screen.getByTestId('throttle-notice')
    expect(notice).toHaveAttribute('data-limit', 'execution-time')
    expect(notice).toHaveTextContent('Throttled: combined execution time (0x80072321)')
    expect(screen.getByTestId('throttle-countdown')).toHaveTextContent(/Retry-After passes in 1 min 1[45] s/)
    expect(screen.getByTestId('throttle-next')).toHaveTextContent('A $batch does not help here')
    expect(screen.getByTestId('throttle-message')).toHaveTextContent('1,200,000 milliseconds')

    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000)
    })
    expect(screen.getByTestId('throttle-countdown')).toHaveTextContent(/Retry-After passes in 4[45] s/)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(46_000)
    })
    expect(screen.getByTestId('throttle-countdown')).toHaveTextContent('Retry-After has passed')
    expect(screen.getByTestId('throttle-notice')).toHaveAttribute('data-waiting', 'false')
  })

  it('asks for a connection when none is selected', async () => {
    installBridge(
      fakeBridge({
        connectionsList: () =>
          ok({ connections: [sample], problem: null, secretsPersistent: true, sampleScenarios: [], customers: [] }),
      }),
    )
    render(
      <ConnectionsProvider>
        <LimitsPanel />
      </ConnectionsProvider>,
    )
    expect(await screen.findByTestId('limits-no-connection')).toHaveTextContent('Choose a connection')
  })
})
