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
            "AccessIdentity", "AccessModule", "AccessPolicies", "AccessRateLimits", "AccountInfo", "ApiKeyStatus", "ApiKeySummary",
            "AuthenticatorSetup", "CreatedApiKey", "CreatedPeerNode", "CreatedUser", "Distribution", "IAccessAdmin", "IAccessDirectory",
            "IAccessManagement", "IAccountService", "IPrincipalResolver", "IShareable", "NewApiKey", "NewOrganisation", "NewSharingGroup",
            "NewUser", "OrganisationInfo", "OrganisationType", "PeerNodeInfo", "Principal", "PrincipalKind", "Role", "Scope",
            "ShareableRecord", "SharingGroupInfo", "SignInOutcome", "SignInStatus", "UserSummary", "Visibility",
        ];

        var exported = typeof(AccessModule).Assembly.GetExportedTypes()
            .Where(t => !t.Namespace!.Contains(".Migrations", StringComparison.Ordinal))
            .Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected.Order(StringComparer.Ordinal), exported);
    }
}
