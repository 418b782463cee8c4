import { z } from 'zod'
import { defineChannel } from './define'

/** One request that went on the wire, as main's timeline keeps it: no header, body or credential. */
const RequestEntrySchema = z.object({
  id: z.number().int(),
  connectionId: z.string().nullable(),
  kind: z.enum(['dataverse', 'authority', 'other']),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  failure: z.string().nullable(),
  startedAt: z.string(),
  ttfbMs: z.number().nullable(),
  totalMs: z.number().nullable(),
  requestBytes: z.number(),
  responseBytes: z.number().nullable(),
  requestId: z.string().nullable(),
  correlationId: z.string().nullable(),
  traceId: z.string().nullable(),
  attempt: z.number().int(),
})
export type RequestEntry = z.infer<typeof RequestEntrySchema>

export const requestChannels = {
  'requests:list': defineChannel({
    summary:
      'The requests this session sent (sign-in and Web API), newest last: method, redacted URL, status, timings, sizes and ids.',
    request: z.undefined(),
    response: z.object({ entries: z.array(RequestEntrySchema) }),
  }),
  'requests:export': defineChannel({
    summary:
      "Save the request list as JSON through main's save dialog, for a support ticket; path null when cancelled.",
    request: z.undefined(),
    response: z.object({ path: z.string().nullable(), count: z.number().int() }),
  }),
  'requests:clear': defineChannel({
    summary: 'Forget the requests listed so far.',
    request: z.undefined(),
    response: z.object({ cleared: z.literal(true) }),
  }),
}

export const requestEvents = {}
