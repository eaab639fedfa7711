namespace Concord.Access.Tests;

public class PublicContractTests
{
    /// <summary>
    /// The module's public surface: the two doors, the visibility rules, and the small contract other modules and the
    /// host call. Anything else must stay internal; widening this list is a design decision, not an accident.
    /// </summary>
    [Fact]
    public void AccessModule_ExposesOnlyItsContract()
    {
        string[] expected =
        [
            "AccessModule", "AccessPolicies", "CreatedApiKey", "CreatedPeerNode", "CreatedUser", "Distribution", "IAccessAdmin", "IAccessDirectory",
            "InternalProjectionAttribute", "IPrincipalResolver", "IShareable", "NewApiKey", "NewOrganisation", "NewSharingGroup", "NewUser", "OrganisationInfo",
            "OrganisationType", "PeerNodeInfo", "Principal", "PrincipalKind", "Role", "Scope", "ShareableRecord", "SharingGroupInfo", "Visibility",

            // For the browser UI (Concord.Web): its own account (sign-in, password, authenticator) and administration on
            // behalf of the signed-in person, with the REST API's rules.
            "AccessIdentity", "AccessRateLimits", "AccountInfo", "ApiKeyStatus", "ApiKeySummary", "AuthenticatorSetup",
            "IAccessManagement", "IAccountService", "SignInOutcome", "SignInStatus", "UserSummary",

            // Editing an organisation (REST, CLI, UI), and what other modules tell Access before a sharing group is
            // deleted: whether their records still name it.
            "IAudienceReferences", "OrganisationChanges",

            // Federation: organisations hosted on other nodes, as they appear here.
            "FederatedOrganisation", "OrganisationHome",

            // Who a record is shared with, shown to its owner and its audience's members (the object page's recipients).
            "AudienceInfo",

            // The audit trail as its readers see it (REST, UI, CLI), and the actions Access records.
            "AccessAuditActions", "AuditEntryInfo", "AuditPage", "AuditQuery", "AuditVerification", "IAuditLog",

            // Who to tell: an organisation's members with their addresses, for the notifications service.
            "MemberContact",

            // The read rule's separate reasons, so a store pages a reader's records by the index of each reason.
            "ReadReason`1", "ReadReasonKind",

            // Endpoint metadata: a bare API key (no scheme) is accepted where MISP clients send one (the /misp API).
            "BareApiKey",
        ];

        var exported = typeof(AccessModule).Assembly.GetExportedTypes()
            .Where(t => !t.Namespace!.Contains(".Migrations", StringComparison.Ordinal))
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected.Order(StringComparer.Ordinal), exported);
    }
}
