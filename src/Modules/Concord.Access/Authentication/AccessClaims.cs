using System.Globalization;
using System.Security.Claims;
using Concord.Access.Data;

namespace Concord.Access.Authentication;

/// <summary>The claims every Concord authentication carries, whatever the scheme.</summary>
internal static class AccessClaims
{
    /// <summary>The user id, or the API key id for a key.</summary>
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Organisation = "concord:org";
    public const string Role = "concord:role";

    /// <summary><see cref="KindUser"/>, <see cref="KindApiKey"/> or <see cref="KindPeerNode"/>.</summary>
    public const string Kind = "concord:kind";
    public const string KindUser = "user";
    public const string KindApiKey = "api-key";
    public const string KindPeerNode = "peer-node";

    /// <summary>The user behind an API key (its creator).</summary>
    public const string User = "concord:user";
    public const string MustChangePassword = "concord:must-change-password";
    public const string SecurityStamp = "concord:stamp";

    /// <summary>The server-side session a cookie belongs to (<see cref="AccessSession"/>).</summary>
    public const string Session = "concord:sid";

    public static ClaimsIdentity ForUser(AccessUser user, string scheme, Guid? sessionId = null)
    {
        var claims = Common(user.Id, user.UserName ?? "", KindUser, user.OrganisationId, user.Role);
        claims.Add(new Claim(User, user.Id.ToString()));
        claims.Add(new Claim(SecurityStamp, user.SecurityStamp ?? ""));
        if (sessionId is { } sid)
        {
            claims.Add(new Claim(Session, sid.ToString()));
        }

        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "true"));
        }

        return new ClaimsIdentity(claims, scheme, Name, Role);
    }

    public static ClaimsIdentity ForApiKey(ApiKey key, string scheme)
    {
        var claims = Common(key.Id, key.Name, KindApiKey, key.OrganisationId, key.Role);
        claims.Add(new Claim(User, key.CreatedByUserId.ToString()));
        return new ClaimsIdentity(claims, scheme, Name, Role);
    }

    /// <summary>A peer node: no organisation, the lowest role; what it reads is <see cref="Visibility"/>'s PeerNode rule.</summary>
    public static ClaimsIdentity ForPeerNode(PeerNode peer, string scheme) =>
        new(Common(peer.Id, peer.Name, KindPeerNode, null, Access.Role.ReadOnly), scheme, Name, Role);

    public static bool IsPeerNode(ClaimsPrincipal user) => user.FindFirstValue(Kind) == KindPeerNode;

    private static List<Claim> Common(Guid id, string name, string kind, Guid? organisationId, Access.Role role)
    {
        var claims = new List<Claim>
        {
            new(Subject, id.ToString()),
            new(Name, name),
            new(Kind, kind),
            new(Role, ((int)role).ToString(CultureInfo.InvariantCulture)),
        };
        if (organisationId is { } org)
        {
            claims.Add(new Claim(Organisation, org.ToString()));
        }

        return claims;
    }
}
