/**
 * Reading other tools' connection files. Each parser is pure (text in, entries out) and none of
 * them keeps a secret: what a file holds encrypted is never decrypted, and the result says so.
 */
import type { ImportSource } from '@common/contract/interop'
import { AppFailure } from '@common/result'
import type { ToolParse } from './entry'
import { parsePacProfiles } from './pac-profiles'
import { parsePptb } from './pptb'
import { parseXrmToolBox } from './xrmtoolbox'

export type { ToolParse } from './entry'

export const SOURCE_LABELS: Readonly<Record<ImportSource, string>> = {
  pac: 'pac CLI auth profiles (authprofiles_v2.json)',
  'dataverse-cli': 'Dataverse CLI profiles (pac-compatible authprofiles_v2.json)',
  xrmtoolbox: 'XrmToolBox connection file (.xml)',
  pptb: 'Power Platform ToolBox connections (connections.json)',
}

/**
 * The Dataverse CLI (preview) documents its profiles as "compatible with Microsoft Power Platform CLI
 * authentication profiles" (learn.microsoft.com/power-apps/developer/data-platform/cli/); its own file name and
 * location could not be verified, so a file in pac's format is what it reads.
 */
const DATAVERSE_CLI_NOTE =
  "The Dataverse CLI's profiles are documented as compatible with pac auth profiles; this import reads that format. Its own file name and location could not be verified."

export function parseToolFile(source: ImportSource, text: string): ToolParse {
  try {
    switch (source) {
      case 'pac':
        return parsePacProfiles(text)
      case 'dataverse-cli': {
        const parsed = parsePacProfiles(text, 'the Dataverse CLI')
        return { ...parsed, notes: [...parsed.notes, DATAVERSE_CLI_NOTE] }
      }
      case 'xrmtoolbox':
        return parseXrmToolBox(text)
      case 'pptb':
        return parsePptb(text)
    }
  } catch (error) {
    if (error instanceof AppFailure) throw error
    throw new AppFailure(
      {
        code: 'INVALID_INPUT',
        message: error instanceof Error ? error.message : 'The file could not be read.',
        cause: `It was read as ${SOURCE_LABELS[source]}.`,
        next: 'Choose the right file, or the tool it came from.',
      },
      { cause: error },
    )
  }
}
