using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Features.Search;

/// <summary>
/// Who may read a version, as index tokens, so a search walks only rows its reader may read instead of stepping over
/// (possibly millions of) hidden ones. The tokens are only a pre-filter: every search still goes through
/// <see cref="Visibility"/>, which decides. They must therefore never exclude a readable row: each rule of
/// <see cref="Visibility.Filter{T}"/> gives the record a token its readers hold (<c>public</c>, <c>peer</c>, the owner,
/// <c>community</c>, the audience); a token may admit more than the rule (an audience regardless of TLP), never less.
/// </summary>
internal static class SearchReach
{
    public const string Public = "public";
    public const string Peer = "peer";
    public const string Community = "community";

    public static string Owner(Guid organisation) => "o" + organisation.ToString("N");

    public static string Audience(Guid audience) => "a" + audience.ToString("N");

    public static List<string> Of(IShareable record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Of(record.OwnerOrgId, record.Tlp, record.Scope, record.AudienceId);
    }

    public static List<string> Of(Guid owner, Tlp tlp, Scope scope, Guid? audienceId)
    {
        var tokens = new List<string>(3) { Owner(owner) };
        if (scope == Scope.Public && tlp <= Tlp.Clear)
        {
            tokens.Add(Public);
        }

        if (scope >= Scope.ConnectedNodes && tlp <= Tlp.Green)
        {
            tokens.Add(Peer);
        }

        if (scope >= Scope.Alliance && tlp <= Tlp.Green)
        {
            tokens.Add(Community);
        }

        if (scope is Scope.Recipients or Scope.SharingGroup && audienceId is { } audience)
        {
            tokens.Add(Audience(audience));
        }

        return tokens;
    }

    /// <summary>The index match of rows a reader holding <paramref name="tokens"/> might read.</summary>
    public static string Match(IEnumerable<string> tokens, Platform.StorageProvider provider) => provider == Platform.StorageProvider.Postgres
        ? "( " + string.Join(" | ", tokens.Select(t => $"'{TsVector.ReachPrefix}{t}'")) + " )"
        : "( " + string.Join(" OR ", tokens.Select(t => $"{{reach}} : \"{t}\"")) + " )";

    public static List<string> For(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var tokens = new List<string> { Public };
        if (principal.Kind == PrincipalKind.PeerNode)
        {
            tokens.Add(Peer);
        }
        else if (principal.Kind == PrincipalKind.Member && principal.OrganisationId is { } org)
        {
            tokens.Add(Owner(org));
            tokens.Add(Community);
            tokens.AddRange(principal.AudienceIds.Order().Select(Audience));
        }

        return tokens;
    }

    /// <summary>The SQL of a backfill: the tokens of row <paramref name="r"/>, space-separated (<paramref name="prefix"/> before each).</summary>
    public static string Sql(string r, string prefix, bool postgres)
    {
        var owner = postgres ? $"replace({r}.owner_org_id::text, '-', '')" : $"lower(replace({r}.owner_org_id, '-', ''))";
        var audience = postgres ? $"replace({r}.audience_id::text, '-', '')" : $"lower(replace({r}.audience_id, '-', ''))";
        return $"""
            concat_ws(' ', '{prefix}o' || {owner},
              CASE WHEN {r}.scope = {(int)Scope.Public} AND {r}.tlp <= {(int)Tlp.Clear} THEN '{prefix}{Public}' END,
              CASE WHEN {r}.scope >= {(int)Scope.ConnectedNodes} AND {r}.tlp <= {(int)Tlp.Green} THEN '{prefix}{Peer}' END,
              CASE WHEN {r}.scope >= {(int)Scope.Alliance} AND {r}.tlp <= {(int)Tlp.Green} THEN '{prefix}{Community}' END,
              CASE WHEN {r}.scope IN ({(int)Scope.Recipients}, {(int)Scope.SharingGroup}) THEN '{prefix}a' || {audience} END)
            """;
    }
}
