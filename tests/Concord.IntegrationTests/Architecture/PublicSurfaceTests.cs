using System.Reflection;

namespace Concord.IntegrationTests.Architecture;

/// <summary>
/// What each module exports: its two doors (the registration and endpoint mapping, and the contract other modules and
/// the UI call) and nothing else. Widening a list is a design decision, not an accident. (Access has its own test
/// beside its unit tests.)
/// </summary>
public class PublicSurfaceTests
{
    [Fact]
    public void Intel_ExposesOnlyItsContract() => AssertSurface("Concord.Intel",
    [
        // The doors the UI, TAXII and the host call, and the records they exchange.
        "AlertSettings", "BlindAnswer", "BlindHit", "BlindQuestion", "BlindRecord", "BlindStatus", "CorrelatedObject", "CorrelationExclusion", "CorrelationMatch", "CorrelationReporter",
        "CorrelationRequest", "CorrelationResult", "CountOf`1", "DailyCount", "DeletedObject", "ExclusionInfo",
        "ExclusionKind", "ExportFilters", "ExportFormat", "ExportFormats", "ExportOptions", "ExportRequest", "ExportSummary", "FieldIssue", "FollowerStatus",
        "HitAlertView", "IBlindLookups", "ICorrelation", "IHitAlerts", "IImportJobs", "IIntelAdministration", "IIntelAuthoring",
        "IIntelExplorer", "IIntelExports", "IIntelStats", "IIntelStore", "IImportRouting", "ImportEntry", "ImportMode", "IPageCursors", "ISightings",
        "ITaxiiObjectSource", "IWithdrawals", "Withdrawal", "WithdrawalKind", "WithdrawalPage", "ImportJobState", "ImportJobStatus", "ImportOptions", "ImportPolicy", "ImportProgress",
        "ImportReport", "IndicatorDraft", "IndicatorValueKind", "IntelModule", "IntelOverview", "JobQueueStatus", "KebabCaseEnum`1",
        "LinkDirection", "LinkedObject", "MispImportSummary",

        // Feeds the node pulls (MISP, text, CSV): their settings and runs.
        "CsvColumns", "FeedInfo", "FeedKind", "FeedRunSummary", "FeedSettings", "IIntelFeeds",
        "NodeHealth", "NoteDraft", "ObjectCopy", "ObjectCorrelations", "ObjectCount",
        "ObjectDraft", "ObjectIssue", "ObjectLink", "ObjectLinks", "ObjectPage", "ObjectQuery", "ObjectRecipients",
        "ObjectSort", "PatternCheck", "PatternFinding",
        "PropertyChange", "PropertyChangeKind", "QueuedImport", "RecentObject", "RecordedSighting",
        "RecordedSightings", "ReferencedObject", "RejectedObject", "ReportDraft", "SaveOutcome", "ScoreEnd",
        "ScoreExplanation", "SightingKind", "SightingList", "SightingReport", "SightingTotals", "SightingView",
        "StoredStixObject", "TaxiiPage", "TaxiiQuery", "TaxiiRecord", "TaxiiView", "TechniqueCount",
        "ITextImport", "TextCandidate", "TextImportItem", "TextImportRequest", "TextImportResult", "TextPreview", "TextProposal",
        "ValueCorrelation", "VersionDiff", "Warninglist", "WarninglistHit", "WarninglistLoadProblem",
        "WarninglistMatch", "WarninglistProblem", "WarninglistStatus", "WarninglistType", "WarninglistsState",
    ]);

    [Fact]
    public void Teams_ExposesOnlyItsContract() => AssertSurface("Concord.Teams",
    [
        // Members read the directory and ask whose a value is; admins keep their team's profile, keys and people;
        // a person exports and erases their own entry; what is personal data is marked never relayed.
        "BusinessHours", "EscalationContact", "EscalationContactUpdate", "ITeamDirectory", "ITeamPeople", "NeverRelayedAttribute",
        "OpenPgpKey", "PersonExport", "PersonUpdate", "TeamPerson", "TeamProfile", "TeamCountries", "TeamProfileUpdate", "TeamQuery", "TeamRegions", "TeamType",
        "TeamTypeJson", "TeamTypes", "TeamsModule", "WhoseAnswer", "WhoseTeam",

        // Constituency routing: the contract a module whose records name values implements (Intel's through the host,
        // later Incidents' case observables), and a team's per-kind opt-out.
        "IConstituencyRouting", "IConstituencySource", "NamedRecordChange", "NamedRecordChanges", "NamedRecordView",
        "RoutingKind", "RoutingKindSetting", "RoutingSettings", "RoutingSettingsUpdate",
    ]);

    [Fact]
    public void Incidents_ExposesOnlyItsContract() => AssertSurface("Concord.Incidents",
    [
        // Members open, read, share and contribute to cases; the taxonomy the cases are classified with; the settings.
        "AttachmentContent", "AttachmentDraft", "AttachmentView", "CaseDraft", "CaseHeader", "CaseParty", "CaseQuery", "CaseSeverity",
        "CaseSharing", "CaseStatus", "CaseSummary", "CaseTaxonomy", "CaseUpdate", "CaseView", "CommentDraft", "CommentView", "ContributionDraft",
        "ContributionMeta", "ICases", "IncidentCategory", "IncidentJson", "IncidentTaxonomy", "IncidentsModule", "IncidentsOptions", "ObservableDraft",
        "ObservableView", "Pap", "PapJson", "Severity", "Status", "TaskDraft", "TaskUpdate", "TaskView", "TimelineDraft", "TimelineEntryView",

        // Assistance requests from a case: asked, answered, escalated; the queue and the alliance view; their deadline settings.
        "ActionJson", "AllianceRequestView", "AssistanceRequestView", "IAssistanceRequests", "KindJson", "MemberRequestFigures", "OpenRequestLine",
        "RequestAction", "RequestDeadlineOptions", "RequestDraft", "RequestEventView", "RequestJson", "RequestKind", "RequestStatus", "RequestStep",
        "RequestUrgency", "StatusJson", "UrgencyDeadlines", "UrgencyJson",
    ]);

    [Fact]
    public void Notifications_ExposesOnlyItsContract() => AssertSurface("Concord.Notifications",
    [
        // Modules register kinds and renderers and queue notifications; users, org admins and node admins read theirs.
        "DeliveryInfo", "IInbox", "IMailStatus", "INotificationPreferences", "INotificationRenderer", "INotifier",
        "IWebhooks", "InboxItem", "MailStatus", "Notification", "NotificationAudience",
        "NotificationKind", "NotificationPreference", "NotificationsModule", "RenderedNotification", "SmtpSecurity",
        "WebhookInfo",
    ]);

    [Fact]
    public void Observables_ExposesOnlyWhatModulesParseWith() => AssertSurface("Concord.Observables",
    [
        // Parsing, normalising and refanging values; the text helpers matching indexes key on; extraction from STIX.
        "DomainText", "ExtractedObservable", "IpNetwork", "IpText", "Observable", "ObservableExtraction",
        "ObservableExtractor", "ObservableKind", "ObservableKinds", "Refang", "RejectedObservable", "UrlText",
        "TextExtractor", "TextFinding", "TextFindingKinds", "TextRefang",

        // "Whose is this?": the constituency index the directory (and routing) answer from.
        "ConstituencyClaim", "ConstituencyIndex", "ConstituencyMatch", "ConstituencyRelation",
    ]);

    [Fact]
    public void Taxii_ExposesOnlyItsContract() => AssertSurface("Concord.Taxii",
    [
        // The module's registration, and the TAXII 2.1 client the CLI (and federation) use.
        "TaxiiApiRootInfo", "TaxiiClient", "TaxiiClientException", "TaxiiCollectionInfo", "TaxiiCursor", "TaxiiDiscovery",
        "TaxiiModule", "TaxiiObjectsPage", "TaxiiPulledPage", "TaxiiPush", "TaxiiPushProgress", "TaxiiPushResult", "TaxiiReadOptions",
        "TaxiiStatusDetail", "TaxiiStatusInfo",

        // Federation's doors into the server: what a peer's envelope carries beside the objects, and where a peer pulls.
        "ITaxiiPeerCollection", "ITaxiiPeerEnvelope",
    ]);

    [Fact]
    public void Federation_ExposesOnlyItsContract() => AssertSurface("Concord.Federation",
    [
        // The module's registration and options, its contract (node description, withdrawals, the long poll, provenance,
        // peers, pulling now, refusals reported back, blind lookups) and its records.
        "BlindLookupRequest", "BlindSecretRequest", "ConnectedPeer", "CopyProvenance", "FederatedLookup", "FederatedLookupRequest", "FederatedValue", "FederationModule", "FederationNode", "FederationOptions", "HostedOrganisation", "IFederatedLookups", "IFederation", "NewPeer",
        "NodeDescription", "PeerAsked", "PeerChange", "PeerCursorInfo", "PeerFinding", "PeerInfo", "PeerKeyRequest", "PeerRejection", "PeerSyncStatus", "ProvenanceHop", "PushStatus",
        "ReaderPosition", "RefusalReceipt", "RefusalReport", "ReportedRefusal", "SyncReport", "TaxiiSource", "WithdrawalList", "WithdrawnRecord",
    ]);

    private static void AssertSurface(string assembly, string[] expected)
    {
        var exported = Assembly.Load(assembly).GetExportedTypes()
            .Where(t => !t.Namespace!.Contains(".Migrations", StringComparison.Ordinal))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(exported),
            $"{assembly} exports:\n\"{string.Join("\", \"", exported)}\"");
    }
}
