import { describe, expect, it } from 'vitest'
import { completionContextAt } from '@common/odata/completion-context'

/** Splits `text|more` into the text without the marker and the cursor offset. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf('|')
  if (offset < 0) throw new Error(`no cursor in ${marked}`)
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset]
}

function context(marked: string) {
  const [text, offset] = at(marked)
  return completionContextAt(text, offset)
}

describe('completionContextAt', () => {
  it.each([
    // resource path
    ['|', 'entitySet', '', []],
    ['acc|', 'entitySet', 'acc', []],
    ['/api/data/v9.2/acc|', 'entitySet', 'acc', []],
    ['https://org.crm.dynamics.com/api/data/v9.2/co|', 'entitySet', 'co', []],
    ['accounts/|', 'resourceSegment', '', ['accounts']],
    ['accounts(00000000-0000-0000-0000-000000000001)/cont|', 'resourceSegment', 'cont', ['accounts']],
    ["EntityDefinitions(LogicalName='account')/Att|", 'resourceSegment', 'Att', ['EntityDefinitions']],
    // query option names
    ['accounts?|', 'queryOptionName', '', ['accounts']],
    ['accounts?$sel|', 'queryOptionName', '$sel', ['accounts']],
    ['accounts?$top=1&|', 'queryOptionName', '', ['accounts']],
    ['accounts?$top=1&$f|', 'queryOptionName', '$f', ['accounts']],
    ['accounts\n|', 'queryOptionName', '', ['accounts']],
    ['accounts\n$fil|', 'queryOptionName', '$fil', ['accounts']],
    ["accounts\n$filter=name eq 'x'\n|", 'queryOptionName', '', ['accounts']],
    ["accounts\n$filter=name eq 'x'\n$or|", 'queryOptionName', '$or', ['accounts']],
    [
      'accounts(00000000-0000-0000-0000-000000000001)/contact_customer_accounts?|',
      'queryOptionName',
      '',
      ['accounts', 'contact_customer_accounts'],
    ],
    // $select
    ['accounts?$select=|', 'selectItem', '', ['accounts']],
    ['accounts?$select=na|', 'selectItem', 'na', ['accounts']],
    ['accounts?$select=name,|', 'selectItem', '', ['accounts']],
    ['accounts?$select=name, acc|', 'selectItem', 'acc', ['accounts']],
    ['accounts?$select=primarycontactid/|', 'selectItem', '', ['accounts', 'primarycontactid']],
    // $orderby
    ['accounts?$orderby=|', 'orderbyItem', '', ['accounts']],
    ['accounts?$orderby=name |', 'orderbyDirection', '', ['accounts']],
    ['accounts?$orderby=name de|', 'orderbyDirection', 'de', ['accounts']],
    ['accounts?$orderby=name desc,cre|', 'orderbyItem', 'cre', ['accounts']],
    // $expand
    ['accounts?$expand=|', 'expandItem', '', ['accounts']],
    ['accounts?$expand=primary|', 'expandItem', 'primary', ['accounts']],
    ['accounts?$expand=primarycontactid(|', 'expandOptionName', '', ['accounts', 'primarycontactid']],
    ['accounts?$expand=primarycontactid($sel|', 'expandOptionName', '$sel', ['accounts', 'primarycontactid']],
    ['accounts?$expand=primarycontactid($select=|', 'selectItem', '', ['accounts', 'primarycontactid']],
    ['accounts?$expand=primarycontactid($select=fullname;|', 'expandOptionName', '', ['accounts', 'primarycontactid']],
    [
      'accounts?$expand=contact_customer_accounts($filter=full|',
      'filterOperand',
      'full',
      ['accounts', 'contact_customer_accounts'],
    ],
    [
      'accounts?$expand=contact_customer_accounts($expand=owninguser($select=|',
      'selectItem',
      '',
      ['accounts', 'contact_customer_accounts', 'owninguser'],
    ],
    [
      'accounts?$expand=contact_customer_accounts($orderby=fullname |',
      'orderbyDirection',
      '',
      ['accounts', 'contact_customer_accounts'],
    ],
    ['accounts?$expand=a,|', 'expandItem', '', ['accounts']],
    // $filter operands
    ['accounts?$filter=|', 'filterOperand', '', ['accounts']],
    ['accounts?$filter=na|', 'filterOperand', 'na', ['accounts']],
    ["accounts?$filter=name eq 'x' and |", 'filterOperand', '', ['accounts']],
    ['accounts?$filter=(|', 'filterOperand', '', ['accounts']],
    ['accounts?$filter=contains(|', 'filterOperand', '', ['accounts']],
    ["accounts?$filter=contains(name, 'x') or startswith(|", 'filterOperand', '', ['accounts']],
    ['accounts?$filter=primarycontactid/|', 'filterOperand', '', ['accounts', 'primarycontactid']],
    ['accounts?$filter=primarycontactid/full|', 'filterOperand', 'full', ['accounts', 'primarycontactid']],
    ['accounts?$filter=not |', 'filterOperand', '', ['accounts']],
    ['accounts?$filter=Microsoft.Dynamics.CRM.Last|', 'filterFunction', 'Microsoft.Dynamics.CRM.Last', ['accounts']],
    ['accounts?$filter=mscrm.|', 'filterFunction', 'mscrm.', ['accounts']],
    // $filter operators
    ['accounts?$filter=name |', 'filterOperator', '', ['accounts']],
    ['accounts?$filter=name e|', 'filterOperator', 'e', ['accounts']],
    ["accounts?$filter=name eq 'x' |", 'filterOperator', '', ['accounts']],
    ["accounts?$filter=contains(name,'x') a|", 'filterOperator', 'a', ['accounts']],
    ["accounts\n$filter=name eq 'x'\n  an|", 'filterOperator', 'an', ['accounts']],
    // lambdas
    [
      'accounts?$filter=contact_customer_accounts/any(|',
      'lambdaVariable',
      '',
      ['accounts', 'contact_customer_accounts'],
    ],
    [
      'accounts?$filter=contact_customer_accounts/any(c|',
      'lambdaVariable',
      'c',
      ['accounts', 'contact_customer_accounts'],
    ],
    [
      'accounts?$filter=contact_customer_accounts/any(c:c/|',
      'filterOperand',
      '',
      ['accounts', 'contact_customer_accounts'],
    ],
    [
      'accounts?$filter=contact_customer_accounts/any(c: c/full|',
      'filterOperand',
      'full',
      ['accounts', 'contact_customer_accounts'],
    ],
    ['accounts?$filter=contact_customer_accounts/any(c:c/fullname |', 'filterOperator', '', ['accounts']],
    [
      'accounts?$filter=contact_customer_accounts/any(c:c/parentcustomerid_account/|',
      'filterOperand',
      '',
      ['accounts', 'contact_customer_accounts', 'parentcustomerid_account'],
    ],
    ['accounts?$filter=contact_customer_accounts/|', 'filterOperand', '', ['accounts', 'contact_customer_accounts']],
    // nothing to offer
    ["accounts?$filter=name eq 'Con|", 'none', 'Con', []],
    ["accounts?$filter=name eq 'Con|toso'", 'none', 'Con', []],
    ['accounts?$top=|', 'none', '', []],
    ['accounts?$filter=name foo |', 'none', '', []],
    ['accounts\n// a comment about acc|', 'none', 'acc', []],
    ['accounts(|', 'none', '', []],
  ])('%j is %s', (marked, kind, prefix, entityPath) => {
    const c = context(marked)
    expect(c.kind).toBe(kind)
    expect(c.prefix).toBe(prefix)
    if (kind !== 'none') expect(c.entityPath).toEqual(entityPath)
  })

  it('names the compared column for choice values', () => {
    expect(context('accounts?$filter=statuscode eq |')).toMatchObject({
      kind: 'choiceValue',
      property: 'statuscode',
      entityPath: ['accounts'],
    })
    expect(context('accounts?$filter=statuscode ne 1|')).toMatchObject({
      kind: 'choiceValue',
      property: 'statuscode',
      prefix: '1',
    })
    expect(context('accounts?$filter=statuscode in (1,|')).toMatchObject({
      kind: 'choiceValue',
      property: 'statuscode',
    })
    expect(context('accounts?$filter=primarycontactid/statecode eq |')).toMatchObject({
      kind: 'choiceValue',
      property: 'statecode',
      entityPath: ['accounts', 'primarycontactid'],
    })
    expect(context('accounts?$filter=contact_customer_accounts/any(c:c/statecode eq |')).toMatchObject({
      kind: 'choiceValue',
      property: 'statecode',
      entityPath: ['accounts', 'contact_customer_accounts'],
    })
    expect(
      context("accounts?$filter=Microsoft.Dynamics.CRM.In(PropertyName='industrycode',PropertyValues=[|"),
    ).toMatchObject({
      kind: 'choiceValue',
      property: 'industrycode',
    })
    expect(context('accounts?$filter=revenue gt |').kind).toBe('filterOperand')
  })

  it('lists lambda variables in scope with the collection they range over', () => {
    const c = context(
      'accounts?$filter=contact_customer_accounts/any(c:c/fullname eq null and c/contact_tasks/any(t:t/|',
    )
    expect(c.kind).toBe('filterOperand')
    expect(c.entityPath).toEqual(['accounts', 'contact_customer_accounts', 'contact_tasks'])
    expect(c.lambdaVariables).toEqual([
      { name: 'c', collectionPath: ['accounts', 'contact_customer_accounts'] },
      { name: 't', collectionPath: ['accounts', 'contact_customer_accounts', 'contact_tasks'] },
    ])
  })

  it('replaces the whole word under the cursor', () => {
    const [text, offset] = at('accounts?$sel|ect=name')
    expect(completionContextAt(text, offset)).toMatchObject({
      kind: 'queryOptionName',
      prefix: '$sel',
      replace: { start: 9, end: 16 },
    })
    const [t2, o2] = at('accounts?$select=na|me,accountid')
    expect(completionContextAt(t2, o2)).toMatchObject({
      kind: 'selectItem',
      prefix: 'na',
      replace: { start: 17, end: 21 },
    })
  })

  it('reports what the grammar expects at the cursor', () => {
    expect(context('accounts?$filter=name |').expected).toEqual(expect.arrayContaining(['operator']))
    expect(context('accounts?$orderby=name |').expected).toEqual(expect.arrayContaining(['direction', 'operator']))
    expect(context('accounts?$filter=|').expected).toEqual(expect.arrayContaining(['property', 'literal', 'function']))
  })

  it('clamps an offset outside the text', () => {
    expect(completionContextAt('accounts?$select=', 999).kind).toBe('selectItem')
    expect(completionContextAt('acc', -5).kind).toBe('entitySet')
  })
})
