using Microsoft.AspNetCore.Identity;

namespace Concord.Access.Authentication;

internal static class AccessSchemes
{
    /// <summary>The default scheme: picks one of the others by what the request carries.</summary>
    public const string Default = "concord";
    public const string ApiKey = "concord-api-key";
    public const string Basic = "concord-basic";
    public static readonly string Cookie = IdentityConstants.ApplicationScheme;

    public const string CookieName = "concord.session";
}
