using System.Data.Common;
using Concord.Access;
using Concord.Intel.Data;
using Concord.Platform.Data;
using Concord.Platform.Feeds;
using Concord.Stix;

namespace Concord.Intel.Features.Feed;

/// <summary>
/// The Intel module's change feed, read from the tables themselves: every stored version is a row of
/// <c>stix_objects</c> and every deletion a row of <c>stix_tombstones</c>, numbered from one sequence that writers take
/// under the ingest lock, so the sequence is the commit order and a second log would only repeat it. What kind of change
/// a version is follows from the versions of the same copy (owner and id) before it. A deleted version's row is gone and
/// its tombstone comes later in the feed: a follower that had not reached the version sees only its deletion, which is
/// all it needs.
/// </summary>
/// <remarks>
/// An internal projection, not a read path: it names records whoever may read them, so it is for followers (which read
/// each record through the visibility door for the reader they act for), never for a response.
/// </remarks>
internal sealed class IntelChangeFeed(IntelDbContext db) : IChangeFeed
{
    // The version before this one of the same copy, by version; whether any version of the copy came before it at all.
    // `+e.seq` keeps the probe on the copy's own index (stix_id, owner_org_id, …): with a plain `e.seq < o.seq` SQLite
    // walks the owner's whole (owner_org_id, seq) range instead, one scan of everything the owner stored before the row
    // for every row read (4 s per 200 rows of a 25 k-object import, for every follower of the feed).
    private const string VersionsSql = """
        SELECT c.seq, c.type, c.stix_id, c.version_us, c.owner_org_id, c.date_added_us, c.revoked, c.tlp, c.scope,
               c.audience_id, c.earlier, p.tlp, p.scope, p.audience_id
        FROM (
          SELECT o.seq, o.type, o.stix_id, o.version_us, o.owner_org_id, o.date_added_us, o.revoked, o.tlp, o.scope, o.audience_id,
                 CASE WHEN EXISTS (SELECT 1 FROM stix_objects e WHERE e.stix_id = o.stix_id AND e.owner_org_id = o.owner_org_id AND +e.seq < o.seq) THEN 1 ELSE 0 END AS earlier,
                 (SELECT b.seq FROM stix_objects b WHERE b.stix_id = o.stix_id AND b.owner_org_id = o.owner_org_id AND b.version_us < o.version_us
                  ORDER BY b.version_us DESC LIMIT 1) AS before_seq
          FROM stix_objects o WHERE o.seq > @p0 ORDER BY o.seq LIMIT @p1
        ) c LEFT JOIN stix_objects p ON p.seq = c.before_seq
        ORDER BY c.seq
        """;

    private const string TombstonesSql = """
        SELECT seq, stix_id, version_us, object_deleted, owner_org_id, deleted_at_us FROM stix_tombstones
        WHERE seq > @p0 ORDER BY seq LIMIT @p1
        """;

    public string Module => IntelModule.Name;

    public async Task<IReadOnlyList<FeedChange>> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var versions = await db.Database.ListAsync(VersionsSql, Version, cancellationToken, after, limit);
        var deletions = await db.Database.ListAsync(TombstonesSql, Deletion, cancellationToken, after, limit);

        // Both lists are in order and hold the first `limit` of their table after the cursor: the first `limit` of their
        // merge are the feed's next `limit`.
        return [.. versions.Concat(deletions).OrderBy(c => c.Seq).Take(limit)];
    }

    private static FeedChange Version(DbDataReader r)
    {
        var kind = r.GetBoolean(6) ? ChangeKind.Revoked
            : Convert.ToInt32(r.GetValue(10), System.Globalization.CultureInfo.InvariantCulture) == 0 ? ChangeKind.Created
            : !r.IsDBNull(11) && Narrower((Tlp)r.GetInt32(7), (Scope)r.GetInt32(8), Audience(r, 9), (Tlp)r.GetInt32(11), (Scope)r.GetInt32(12), Audience(r, 13)) ? ChangeKind.Narrowed
            : ChangeKind.Versioned;
        return new FeedChange(r.GetInt64(0), r.GetString(1), r.GetString(2), kind, r.GetInt64(3), r.GetGuid(4), r.GetInt64(5));
    }

    private static FeedChange Deletion(DbDataReader r) => new(
        r.GetInt64(0), TypeOf(r.GetString(1)), r.GetString(1), ChangeKind.Deleted, r.GetBoolean(3) ? null : r.GetInt64(2), r.GetGuid(4), r.GetInt64(5));

    /// <summary>Whether a version may be read by fewer than the version before it: a stricter TLP, a narrower scope, another audience.</summary>
    internal static bool Narrower(Tlp tlp, Scope scope, Guid? audience, Tlp before, Scope scopeBefore, Guid? audienceBefore) =>
        tlp > before || scope < scopeBefore || (scope is Scope.Recipients or Scope.SharingGroup && audience != audienceBefore);

    private static Guid? Audience(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetGuid(ordinal);

    private static string TypeOf(string stixId) => stixId[..Math.Max(0, stixId.IndexOf("--", StringComparison.Ordinal))];
}
