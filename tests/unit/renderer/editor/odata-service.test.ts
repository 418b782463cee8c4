import { describe, expect, it } from 'vitest'
import { MetadataIndex } from '@common/metadata/metadata-index'
import { indexCsdl } from '../../../../main/dataverse/metadata/csdl-index'
import type { ModelContext } from '../../../../renderer/src/editor/model-context'
import { odataDiagnostics, odataHover, odataSuggestions } from '../../../../renderer/src/editor/odata-service'
import csdl from '../../../fixtures/metadata/small-csdl.xml?raw'

const index = new MetadataIndex(indexCsdl(csdl))
const loaded: string[] = []
const model: ModelContext = {
  index,
  loadChoices: async (table): Promise<Record<string, readonly { value: number; label: string }[]>> => {
    loaded.push(table)
    return table === 'account'
      ? {
          industrycode: [
            { value: 1, label: 'Accounting' },
            { value: 2, label: 'Agriculture' },
          ],
        }
      : {}
  },
}

/** `|` marks the cursor. */
async function suggest(marked: string) {
  const offset = marked.indexOf('|')
  const text = marked.replace('|', '')
  const result = await odataSuggestions(text, offset, model)
  return {
    labels: result.items.map((item) => item.label),
    items: result.items,
    replaced: text.slice(result.replace.start, result.replace.end),
  }
}

describe('OData language service', () => {
  it('offers entity sets and service-root functions at the start', async () => {
    const { labels } = await suggest('con|')
    expect(labels).toEqual(expect.arrayContaining(['accounts', 'contacts', 'WhoAmI', 'RetrieveVersion', '$metadata']))
  })

  it('offers query options after ? and &, inserting the = too', async () => {
    const { items, replaced } = await suggest('contacts?$sel|')
    expect(replaced).toBe('$sel')
    expect(items.find((item) => item.label === '$select')?.insertText).toBe('$select=')
    expect((await suggest('contacts?$select=fullname&|')).labels).toContain('$filter')
    expect((await suggest('contacts?$select=fullname\n$f|')).labels).toContain('$filter')
  })

  it('offers the columns of the right table in $select, $orderby and $filter, lookups as _x_value', async () => {
    const select = await suggest('contacts?$select=fu|')
    expect(select.replaced).toBe('fu')
    expect(select.labels).toEqual(expect.arrayContaining(['fullname', 'firstname', '_parentcustomerid_value']))
    expect(select.labels).not.toContain('name')
    expect(select.items.find((item) => item.label === '_parentcustomerid_value')?.detail).toContain(
      'lookup → account, contact',
    )
    expect((await suggest('accounts?$orderby=|')).labels).toContain('revenue')
    expect((await suggest('accounts?$filter=|')).labels).toEqual(
      expect.arrayContaining(['name', 'contains', 'Microsoft.Dynamics.CRM.LastXDays']),
    )
  })

  it('offers navigation properties in $expand and the target table inside its parentheses', async () => {
    expect((await suggest('accounts?$expand=|')).labels).toEqual([
      'parentaccountid',
      'primarycontactid',
      'account_parent_account',
      'contact_customer_accounts',
    ])
    expect((await suggest('accounts?$expand=primarycontactid($select=|')).labels).toContain('fullname')
    expect((await suggest('accounts?$expand=primarycontactid($|')).labels).toEqual([
      '$select',
      '$filter',
      '$orderby',
      '$top',
      '$expand',
    ])
  })

  it('offers operators after a column, and Dataverse query functions after the namespace', async () => {
    expect((await suggest('accounts?$filter=name |')).labels.slice(0, 3)).toEqual(['eq', 'ne', 'gt'])
    const functions = await suggest('accounts?$filter=Microsoft.Dynamics.CRM.La|')
    expect(functions.labels).toContain('Microsoft.Dynamics.CRM.LastXDays')
    expect(functions.items.find((item) => item.label === 'Microsoft.Dynamics.CRM.LastXDays')?.insertText).toBe(
      "Microsoft.Dynamics.CRM.LastXDays(PropertyName='',PropertyValue=)",
    )
  })

  it('offers the choice values of a choice column, loading them once on demand', async () => {
    const { items } = await suggest('accounts?$filter=industrycode eq |')
    expect(items.map((item) => [item.label, item.insertText])).toEqual([
      ['1 — Accounting', '1'],
      ['2 — Agriculture', '2'],
    ])
    expect(loaded).toEqual(['account'])
  })

  it('describes tables, columns, lookups and functions on hover', () => {
    const text = "accounts?$select=_parentaccountid_value,name&$filter=contains(name,'x')"
    expect(odataHover(text, 2, model)?.lines[0]).toBe('**accounts** — table `account`')
    const lookup = odataHover(text, text.indexOf('_parent') + 3, model)
    expect(lookup?.lines).toEqual([
      '**_parentaccountid_value**: `Edm.Guid` — account',
      'Lookup → account (navigation: parentaccountid)',
    ])
    expect(odataHover(text, text.indexOf('contains') + 1, model)?.lines[1]).toBe(
      'True when the column contains the text.',
    )
  })

  it('reports a syntax error where the text stops being valid, with or without metadata', () => {
    const text = 'accounts?$filter=name eq'
    for (const withIndex of [null, index]) {
      const [diagnostic] = odataDiagnostics(text, withIndex)
      expect(diagnostic).toMatchObject({ severity: 'error', code: 'syntax', start: text.length })
    }
    expect(odataDiagnostics("accounts?$select=name&$filter=name eq 'x'", index)).toEqual([])
  })

  it('marks an unknown column with "did you mean" replacements once metadata is there', () => {
    const text = 'contacts?$select=fulname,emailaddress1'
    expect(odataDiagnostics(text, null)).toEqual([])
    const [diagnostic] = odataDiagnostics(text, index)
    expect(diagnostic).toMatchObject({ code: 'unknown-property', suggestions: expect.arrayContaining(['fullname']) })
    expect(text.slice(diagnostic!.start, diagnostic!.end)).toBe('fulname')
    expect(odataDiagnostics('account?$top=1', index)[0]).toMatchObject({
      code: 'unknown-entity-set',
      suggestions: expect.arrayContaining(['accounts']),
    })
  })
})
