/**
 * Dataverse functions a read-only connection may call. Built from Microsoft's "Web API Function
 * Reference" (learn.microsoft.com, power-apps/developer/data-platform/webapi/reference, the
 * function index; MicrosoftDocs/dynamics-365-customer-engagement progref/webapireference/
 * functionreference.md), plus the privilege-by-name and Entra-user functions documented in
 * "Check a user's security privileges" (power-apps/developer/data-platform/security-privileges).
 *
 * Left out on purpose, although Microsoft lists them as functions:
 * - CalculateRollupField: recalculates a rollup column and writes the value to the record.
 * - IncrementKnowledgeArticleViewCount: increments a counter on the article.
 * - RetrieveDataEncryptionKey: returns the organization's data encryption key.
 * Custom APIs are never on the list: a custom function runs whatever plug-in code is registered.
 */
const NAMES = [
  'CalculateTotalTimeIncident',
  'CheckIncomingEmail',
  'CheckPromoteEmail',
  'DownloadReportDefinition',
  'ExpandCalendar',
  'ExportFieldTranslation',
  'FetchXmlToQueryExpression',
  'FindParentResourceGroup',
  'FormatAddress',
  'GetAllTimeZonesWithDisplayName',
  'GetDefaultPriceLevel',
  'GetDistinctValuesImportFile',
  'GetHeaderColumnsImportFile',
  'GetQuantityDecimal',
  'GetReportHistoryLimit',
  'GetTimeZoneCodeByLocalizedName',
  'GetValidManyToMany',
  'GetValidReferencedEntities',
  'GetValidReferencingEntities',
  'InitializeFrom',
  'IsComponentCustomizable',
  'IsDataEncryptionActive',
  'IsValidStateTransition',
  'QueryMultipleSchedules',
  'QuerySchedule',
  'RetrieveAadUserPrivileges',
  'RetrieveAadUserRoles',
  'RetrieveAadUserSetOfPrivilegesByNames',
  'RetrieveAbsoluteAndSiteCollectionUrl',
  'RetrieveActivePath',
  'RetrieveAllChildUsersSystemUser',
  'RetrieveAllEntities',
  'RetrieveAppComponents',
  'RetrieveApplicationRibbon',
  'RetrieveAuditPartitionList',
  'RetrieveAvailableLanguages',
  'RetrieveBusinessHierarchyBusinessUnit',
  'RetrieveByGroupResource',
  'RetrieveByResourceResourceGroup',
  'RetrieveByResourcesService',
  'RetrieveByTopIncidentProductKbArticle',
  'RetrieveByTopIncidentSubjectKbArticle',
  'RetrieveCurrentOrganization',
  'RetrieveDependenciesForDelete',
  'RetrieveDependenciesForUninstall',
  'RetrieveDependentComponents',
  'RetrieveDeploymentLicenseType',
  'RetrieveDeprovisionedLanguages',
  'RetrieveDuplicates',
  'RetrieveEntityChanges',
  'RetrieveEntityRibbon',
  'RetrieveExchangeAppointments',
  'RetrieveExchangeRate',
  'RetrieveFilteredForms',
  'RetrieveFormattedImportJobResults',
  'RetrieveInstalledLanguagePacks',
  'RetrieveInstalledLanguagePackVersion',
  'RetrieveLicenseInfo',
  'RetrieveLocLabels',
  'RetrieveMailboxTrackingFolders',
  'RetrieveMembersBulkOperation',
  'RetrieveMissingComponents',
  'RetrieveMissingDependencies',
  'RetrieveOrganizationResources',
  'RetrieveParentGroupsResourceGroup',
  'RetrieveParsedDataImportFile',
  'RetrievePersonalWall',
  'RetrievePrincipalAccess',
  'RetrievePrincipalAttributePrivileges',
  'RetrievePrincipalSyncAttributeMappings',
  'RetrievePrivilegeSet',
  'RetrieveProcessInstances',
  'RetrieveProductProperties',
  'RetrieveProvisionedLanguagePackVersion',
  'RetrieveProvisionedLanguages',
  'RetrieveRecordWall',
  'RetrieveRequiredComponents',
  'RetrieveRolePrivilegesRole',
  'RetrieveSharedPrincipalsAndAccess',
  'RetrieveSubGroupsResourceGroup',
  'RetrieveTeamPrivileges',
  'RetrieveTimestamp',
  'RetrieveTotalRecordCount',
  'RetrieveUnpublished',
  'RetrieveUnpublishedMultiple',
  'RetrieveUserLicenseInfo',
  'RetrieveUserPrivilegeByPrivilegeId',
  'RetrieveUserPrivilegeByPrivilegeName',
  'RetrieveUserPrivileges',
  'RetrieveUserQueues',
  'RetrieveUserSetOfPrivilegesByIds',
  'RetrieveUserSetOfPrivilegesByNames',
  'RetrieveUsersPrivilegesThroughTeams',
  'RetrieveVersion',
  'Rollup',
  'Search',
  'SearchByBodyKbArticle',
  'SearchByKeywordsKbArticle',
  'SearchByTitleKbArticle',
  'ValidateApp',
  'ValidateRecurrenceRule',
  'WhoAmI',
] as const

/** Functions Microsoft documents that change data: refused even when no metadata says what they are. */
export const KNOWN_WRITING_FUNCTIONS: readonly string[] = ['CalculateRollupField', 'IncrementKnowledgeArticleViewCount']

const LOWER = new Set(NAMES.map((name) => name.toLowerCase()))

/** Case-insensitive: refusing `whoami` would protect nothing, and the list only holds reads. */
export function isSideEffectFree(name: string): boolean {
  return LOWER.has(name.toLowerCase())
}
