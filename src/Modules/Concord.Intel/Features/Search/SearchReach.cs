using Concord.Access;
using Concord.Stix;

namespace Concord.Intel.Features.Search;

/// <summary>
/// Who may read a version, as index tokens, so a search walks only rows its reader may read instead of stepping over
/// (possibly millions of) hidden ones. The tokens are only a pre-filter: every search still goes through
/// <see cref="Visibility"/>, which decides. They must never exclude a readable row, and they admit no other: each rule
/// of <see cref="Visibility.Filter{T}"/> gives the record a token exactly its readers hold (<c>public</c>, <c>peer</c>,
/// the owner, <c>community</c>, the audience).
/// Both stores' indexes qualify every word with them (<see cref="Keys"/>), so a search reads only the posting lists of
/// rows its reader might read, and neither its time nor the planner's estimates count anyone else's rows. (The first
/// form kept them as more words of the row, <see cref="Sql"/>, and a common word's search stepped over every hidden
/// row holding it.)
/// </summary>
internal static class SearchReach
{
    public const string Public = "public";
    public const string Peer = "peer";
    public const string Community = "community";

    public static string Owner(Guid organisation) => "o" + organisation.ToString("N");

    public static string Audience(Guid audience) => "a" + audience.ToString("N");

    /// <summary>
    /// The fewest tokens that admit exactly the readers of the record, each one qualifying every word of its search
    /// document in both stores (<see cref="TsVector"/>, <see cref="SearchSchema.SqliteQualify"/>). The widest rule that holds wins: public, then peers (members hold
    /// that token too: what goes to other nodes goes to the alliance), then the alliance; otherwise the owner and the
    /// audience if it may read the record. A reader holds one of them exactly when <see cref="Visibility"/> lets it read.
    /// </summary>
    public static List<string> Keys(Guid owner, Tlp tlp, Scope scope, Guid? audienceId)
    {
        if (scope == Scope.Public && tlp <= Tlp.Clear)
        {
            return [Public];
        }

        if (scope >= Scope.ConnectedNodes && tlp <= Tlp.Green)
        {
            return [Peer];
        }

        if (scope >= Scope.Alliance && tlp <= Tlp.Green)
        {
            return [Community];
        }

        // An audience holds the token only of what it may read: a sharing group's members read up to AMBER+STRICT.
        var audienceReads = scope == Scope.Recipients || (scope == Scope.SharingGroup && tlp <= Tlp.AmberStrict);
        return audienceReads && audienceId is { } audience ? [Owner(owner), Audience(audience)] : [Owner(owner)];
    }

    /// <summary>The SQL of <see cref="Keys"/> for row <paramref name="r"/> of SQLite, as a JSON array.</summary>
    public static string SqliteKeysSql(string r)
    {
        var owner = $"'o' || lower(replace({r}.owner_org_id, '-', ''))";
        return $"""
            CASE WHEN {r}.scope = {(int)Scope.Public} AND {r}.tlp <= {(int)Tlp.Clear} THEN json_array('{Public}')
              WHEN {r}.scope >= {(int)Scope.ConnectedNodes} AND {r}.tlp <= {(int)Tlp.Green} THEN json_array('{Peer}')
              WHEN {r}.scope >= {(int)Scope.Alliance} AND {r}.tlp <= {(int)Tlp.Green} THEN json_array('{Community}')
              WHEN ({r}.scope = {(int)Scope.Recipients} OR ({r}.scope = {(int)Scope.SharingGroup} AND {r}.tlp <= {(int)Tlp.AmberStrict})) AND {r}.audience_id IS NOT NULL
                THEN json_array({owner}, 'a' || lower(replace({r}.audience_id, '-', '')))
              ELSE json_array({owner}) END
            """;
    }

    /// <summary>The SQL of <see cref="Keys"/> for row <paramref name="r"/> of PostgreSQL, as a text array.</summary>
    public static string KeysSql(string r) => $"""
        CASE WHEN {r}.scope = {(int)Scope.Public} AND {r}.tlp <= {(int)Tlp.Clear} THEN ARRAY['{Public}']
          WHEN {r}.scope >= {(int)Scope.ConnectedNodes} AND {r}.tlp <= {(int)Tlp.Green} THEN ARRAY['{Peer}']
          WHEN {r}.scope >= {(int)Scope.Alliance} AND {r}.tlp <= {(int)Tlp.Green} THEN ARRAY['{Community}']
          WHEN ({r}.scope = {(int)Scope.Recipients} OR ({r}.scope = {(int)Scope.SharingGroup} AND {r}.tlp <= {(int)Tlp.AmberStrict})) AND {r}.audience_id IS NOT NULL
            THEN ARRAY['o' || replace({r}.owner_org_id::text, '-', ''), 'a' || replace({r}.audience_id::text, '-', '')]
          ELSE ARRAY['o' || replace({r}.owner_org_id::text, '-', '')] END
        """;

    public static List<string> For(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var tokens = new List<string> { Public };
        if (principal.Kind == PrincipalKind.PeerNode)
        {
            tokens.Add(Peer);
            tokens.AddRange(principal.AudienceIds.Order().Select(Audience));
        }
        else if (principal.Kind == PrincipalKind.Member && principal.OrganisationId is { } org)
        {
            tokens.Add(Peer);
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
