using System.Security.Claims;
using System.Text.Json.Nodes;
using Concord.Access;

namespace Concord.Intel.Features.MispApi;

/// <summary>
/// What PyMISP's constructor asks before anything else: the MISP version Concord's subset follows (purely numeric:
/// PyMISP splits it on dots and reads integers), and the caller as MISP describes a user — <c>User</c>, <c>Role</c> (its
/// permissions from the Concord role) and <c>UserSetting</c>, without which PyMISP refuses to connect.
/// </summary>
internal static class MispServer
{
    /// <summary>The MISP release whose API (app/webroot/doc/openapi.yaml) the subset follows.</summary>
    public const string Version = "2.5.1";

    public static JsonObject VersionAnswer(Principal principal) => new()
    {
        ["version"] = Version,
        ["pymisp_recommended_version"] = Version,
        ["perm_sync"] = false,
        ["perm_sighting"] = principal.HasRole(Role.Analyst),
        ["perm_galaxy_editor"] = false,
        ["perm_analyst_data"] = false,
        ["uuid"] = "-",
        ["request_encoding"] = new JsonArray(),
        ["filter_sightings"] = true,
    };

    public static JsonObject Me(Principal principal, ClaimsPrincipal user, OrganisationInfo? organisation)
    {
        var org = principal.OrganisationId?.ToString("D") ?? string.Empty;
        var analyst = principal.HasRole(Role.Analyst);
        return new JsonObject
        {
            ["User"] = new JsonObject
            {
                ["id"] = user.FindFirstValue("concord:user") ?? user.FindFirstValue("sub") ?? string.Empty,
                ["email"] = principal.Name,
                ["org_id"] = org,
                ["role_id"] = ((int)principal.Role).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["password"] = "*****",
                ["disabled"] = false,
                ["termsaccepted"] = true,
            },
            ["Role"] = new JsonObject
            {
                ["id"] = ((int)principal.Role).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["name"] = principal.Role.ToString(),
                ["perm_add"] = analyst,
                ["perm_modify"] = analyst,
                ["perm_modify_org"] = analyst,
                ["perm_publish"] = analyst,
                ["perm_sighting"] = analyst,
                ["perm_tagger"] = analyst,
                ["perm_auth"] = true,
                ["perm_admin"] = principal.HasRole(Role.OrgAdmin),
                ["perm_site_admin"] = principal.HasRole(Role.NodeAdmin),
                ["perm_sync"] = false,
                ["perm_audit"] = false,
            },
            ["UserSetting"] = new JsonArray(),
            ["Organisation"] = new JsonObject { ["id"] = org, ["uuid"] = org, ["name"] = organisation?.Name ?? string.Empty, ["local"] = true },
        };
    }
}
