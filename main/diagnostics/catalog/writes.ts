import { DOCS } from './links'
import type { CatalogEntry } from './types'

export const writeEntries: readonly CatalogEntry[] = [
  {
    id: 'undeclared-property',
    title: (ctx) =>
      ctx.name
        ? `"${ctx.name}" is not a navigation property of this table`
        : 'A lookup in the body names a navigation property that does not exist',
    cause: (ctx) =>
      `The body sets ${ctx.name ? `"${ctx.name}@odata.bind"` : 'a "<name>@odata.bind" value'}, but the table has no single-valued navigation property of that name ("An undeclared property … which only has property annotations in the payload"). @odata.bind needs the navigation property's name, which is case-sensitive and often differs from the lookup column's logical name: parentcustomerid_account, not parentcustomerid; for custom lookups the schema name, for example new_ProjectId.`,
    fix: [
      "Look the navigation property up in $metadata (NavigationProperty elements of the table's EntityType) or in the query editor's completion, and use it exactly as written there.",
      'For polymorphic lookups (customer, regarding, owner) use the navigation property per target table, for example parentcustomerid_account or regardingobjectid_contact.',
      'Bind with the entity set of the target: "new_ProjectId@odata.bind": "/new_projects(<id>)".',
    ],
    docs: DOCS.associateOnCreate,
  },
  {
    id: 'duplicate-record',
    title: 'A record with the same key already exists',
    cause:
      'The create or upsert collided with an existing row (0x80040237 "A record with matching key values already exists" / DuplicateRecord): the same primary key ID, the same alternate-key values, or a retried create that had in fact succeeded the first time. In a $batch change set the whole set is rolled back.',
    fix: [
      'Look the existing record up by the key values in the error, and update it instead (PATCH with If-Match: * or an upsert by alternate key).',
      'If the create was retried after a timeout, make retries idempotent: upsert by alternate key, or check before creating.',
      "If the key should not be unique, review the table's alternate keys.",
    ],
    docs: DOCS.duplicateDetection,
  },
  {
    id: 'plugin-error',
    title: 'A plug-in or custom workflow on the table stopped the operation',
    cause:
      'Custom code registered on this table and message (a plug-in, a custom API or a real-time workflow) threw an error (0x80040265 "ISV code aborted the operation", "An error occurred in … plug-in"). The message text and the trace come from that code, not from Dataverse, and may hide the real cause inside it.',
    fix: [
      'Read the message and the trace text after the code: they usually name the plug-in and what it objected to (a validation, a missing privilege of the app user, a missing record).',
      'Ask the owner of that solution about the rule it enforces, or turn on plug-in trace logging (Settings → Administration → System Settings → Customization) and read the Plug-in Trace Log for the same time.',
      "If the app user lacks a privilege inside the plug-in, grant it to the app user's role; the plug-in runs in its security context.",
    ],
    docs: DOCS.pluginErrors,
  },
]
