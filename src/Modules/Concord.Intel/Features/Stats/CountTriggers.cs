using System.Globalization;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Platform;
using Concord.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Stats;

/// <summary>
/// The database triggers that keep <see cref="ObjectCount"/> and <see cref="TechniqueUse"/> exact: every insert, update
/// (<c>latest</c> moving, a revocation) and delete on <c>stix_objects</c> adds or takes away the row's count in the
/// same transaction, whatever path wrote it. PostgreSQL uses statement triggers over transition tables (one grouped
/// upsert per bulk COPY batch, not one per row); SQLite, which has no statement triggers, row triggers, except for the
/// rows of a bulk writer's transaction: it marks where they start (<see cref="SqliteDefer"/>), the triggers leave rows
/// from there on alone, and it counts them, grouped, just before it commits (<see cref="SqliteSettle"/>) instead of two
/// upserts per row (ATT&amp;CK into a fresh store: 3.21 s → 3.01 s). The mark is a row written in that transaction, so
/// no other writer ever sees it (SQLite has one writer at a time) and it goes with a rollback or a killed process.
/// The bulk writer runs with SQLite's triggers off (the insert trigger had nothing to do for its rows, but SQLite ran it
/// for each), so it takes out of the counts itself the older versions it supersedes (<see cref="SqliteSuperseded"/>),
/// as the update trigger would have.
/// </summary>
/// <remarks>
/// A row counts while it is its owner's latest version and not revoked. <see cref="EnsureAsync"/> runs at every start:
/// SQLite drops a table's triggers when a migration rebuilds the table, so when any trigger of this version is missing
/// it recreates them and recounts from the objects, under the ingest lock, so the counts never drift silently.
/// </remarks>
internal static class CountTriggers
{
    /// <summary>Part of every trigger's name: a change to the definitions below takes a new version, which recounts.</summary>
    private const string PostgresVersion = "v1";

    private const string SqliteVersion = "v2";

    /// <summary>SQLite: the first sequence number of a bulk writer's rows, while its transaction lasts.</summary>
    private const string Deferred = "intel_counts_deferred";

    /// <summary>SQLite: what a bulk writer runs first in its transaction (its rows are then counted by <see cref="SqliteSettle"/>).</summary>
    public const string SqliteDefer = $"INSERT INTO {Deferred} (since) SELECT coalesce(max(seq), 0) + 1 FROM stix_objects";

    /// <summary>SQLite: what a bulk writer runs last in its transaction, before it commits: its rows' counts, grouped.</summary>
    public static readonly string SqliteSettle = $"""
        INSERT INTO intel_object_counts ({CountKey}, audience_id, n) SELECT {SqliteCount("o")}, count(*) FROM stix_objects o
          WHERE o.seq >= (SELECT since FROM {Deferred}) AND o.latest AND NOT o.revoked GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
          ON CONFLICT ({CountKey}) DO UPDATE SET n = n + excluded.n;
        INSERT INTO intel_technique_counts ({TechniqueKey}, audience_id, n) SELECT * FROM (SELECT {SqliteTechnique("o")}, count(*) FROM stix_objects o
          WHERE o.seq >= (SELECT since FROM {Deferred}) AND o.type = 'relationship' AND o.latest AND NOT o.revoked GROUP BY 1, 2, 3, 4, 5, 6, 7)
          WHERE technique_ref LIKE 'attack-pattern--%'
          ON CONFLICT ({TechniqueKey}) DO UPDATE SET n = n + excluded.n;
        DELETE FROM {Deferred};
        """;

    /// <summary>
    /// SQLite, a bulk writer with triggers off, before <see cref="SqliteSettle"/>: the versions stored before its
    /// transaction that it superseded (<c>$superseded</c>, a JSON array of their seq) leave the counts, as the update
    /// trigger takes them out (a superseded version counted while it was latest and not revoked).
    /// </summary>
    public static readonly string SqliteSuperseded = $"""
        INSERT INTO intel_object_counts ({CountKey}, audience_id, n) SELECT {SqliteCount("o")}, -count(*) FROM stix_objects o
          WHERE o.seq IN (SELECT value FROM json_each($superseded)) AND o.seq < (SELECT since FROM {Deferred}) AND NOT o.revoked
          GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
          ON CONFLICT ({CountKey}) DO UPDATE SET n = n + excluded.n;
        INSERT INTO intel_technique_counts ({TechniqueKey}, audience_id, n) SELECT * FROM (SELECT {SqliteTechnique("o")}, -count(*) FROM stix_objects o
          WHERE o.seq IN (SELECT value FROM json_each($superseded)) AND o.seq < (SELECT since FROM {Deferred}) AND o.type = 'relationship' AND NOT o.revoked
          GROUP BY 1, 2, 3, 4, 5, 6, 7)
          WHERE technique_ref LIKE 'attack-pattern--%'
          ON CONFLICT ({TechniqueKey}) DO UPDATE SET n = n + excluded.n;
        """;

    private static readonly string[] Kinds = ["insert", "update", "delete"];

    private const string Zero = "00000000-0000-0000-0000-000000000000";
    private const string CountKey = "owner_org_id, tlp, scope, audience_key, type, day, named";
    private const string TechniqueKey = "owner_org_id, tlp, scope, audience_key, day, technique_ref";

    public static async Task EnsureAsync(IntelDbContext db, StorageProvider provider, CancellationToken cancellationToken)
    {
        var postgres = provider == StorageProvider.Postgres;
        var present = (await db.Database.ListAsync(postgres
                ? $"SELECT count(*)::int FROM pg_trigger WHERE tgname LIKE 'tr_intel_counts_{PostgresVersion}_%'"
                : $"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tr_intel_counts_{SqliteVersion}_%'",
            r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), cancellationToken))[0];
        if (present == 3)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresIngestSink.IngestLockKey})", cancellationToken);
        }

        foreach (var statement in postgres ? Postgres() : Sqlite())
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Drops the triggers (a migration's Down, before the count tables go).</summary>
    public static string Drop(StorageProvider provider) => provider == StorageProvider.Postgres
        ? string.Join(";\n", Kinds.Select(kind =>
            $"DROP TRIGGER IF EXISTS tr_intel_counts_{PostgresVersion}_{kind} ON stix_objects; DROP FUNCTION IF EXISTS intel_counts_{PostgresVersion}_{kind}()"))
        : string.Join(";\n", SqliteDrops()) + $";\nDROP TABLE IF EXISTS {Deferred}";

    /// <summary>Every version's SQLite triggers: an older version's left in place would count a row twice.</summary>
    private static IEnumerable<string> SqliteDrops() =>
        new[] { "v1", SqliteVersion }.SelectMany(version => Kinds.Select(kind => $"DROP TRIGGER IF EXISTS tr_intel_counts_{version}_{kind}"));

    /// <summary>SQLite: row <paramref name="r"/> is not one of a bulk writer's (<see cref="SqliteDefer"/>), so its trigger counts it.</summary>
    private static string NotDeferred(string r) => $"NOT EXISTS (SELECT 1 FROM {Deferred} d WHERE {r}.seq >= d.since)";

    private static IEnumerable<string> Sqlite()
    {
        foreach (var drop in SqliteDrops())
        {
            yield return drop;
        }

        yield return $"CREATE TABLE IF NOT EXISTS {Deferred} (since INTEGER NOT NULL)";
        yield return $"DELETE FROM {Deferred}";

        yield return "DELETE FROM intel_object_counts";
        yield return "DELETE FROM intel_technique_counts";
        yield return $"INSERT INTO intel_object_counts ({CountKey}, audience_id, n) SELECT {SqliteCount("o")}, count(*) FROM stix_objects o WHERE o.latest AND NOT o.revoked GROUP BY 1, 2, 3, 4, 5, 6, 7, 8";
        yield return $"INSERT INTO intel_technique_counts ({TechniqueKey}, audience_id, n) SELECT * FROM (SELECT {SqliteTechnique("o")}, count(*) FROM stix_objects o WHERE o.type = 'relationship' AND o.latest AND NOT o.revoked GROUP BY 1, 2, 3, 4, 5, 6, 7) WHERE technique_ref LIKE 'attack-pattern--%'";
        yield return $"""
            CREATE TRIGGER tr_intel_counts_{SqliteVersion}_insert AFTER INSERT ON stix_objects
            WHEN NEW.latest AND NOT NEW.revoked AND {NotDeferred("NEW")}
            BEGIN {SqliteUpsert("NEW", "1")} END
            """;
        yield return $"""
            CREATE TRIGGER tr_intel_counts_{SqliteVersion}_update AFTER UPDATE OF latest, revoked ON stix_objects
            WHEN (OLD.latest AND NOT OLD.revoked) <> (NEW.latest AND NOT NEW.revoked) AND {NotDeferred("NEW")}
            BEGIN {SqliteUpsert("NEW", "CASE WHEN NEW.latest AND NOT NEW.revoked THEN 1 ELSE -1 END")} END
            """;
        yield return $"""
            CREATE TRIGGER tr_intel_counts_{SqliteVersion}_delete AFTER DELETE ON stix_objects
            WHEN OLD.latest AND NOT OLD.revoked AND {NotDeferred("OLD")}
            BEGIN {SqliteUpsert("OLD", "-1")} END
            """;
    }

    /// <summary>The bucket of row <paramref name="r"/>, in <see cref="CountKey"/> order, then its audience.</summary>
    private static string SqliteCount(string r) =>
        $"{r}.owner_org_id, {r}.tlp, {r}.scope, ifnull({r}.audience_id, '{Zero}'), {r}.type, {r}.date_added_us / 86400000000, " +
        $"NOT ({r}.type = 'sighting' AND json_type(CAST({r}.json AS TEXT), '$.x_concord_anonymous') IS 'true'), {r}.audience_id";

    private static string SqliteTechnique(string r) =>
        $"{r}.owner_org_id, {r}.tlp, {r}.scope, ifnull({r}.audience_id, '{Zero}'), {r}.date_added_us / 86400000000, " +
        $"CASE WHEN {r}.type = 'relationship' THEN json_extract(CAST({r}.json AS TEXT), '$.target_ref') END AS technique_ref, {r}.audience_id";

    private static string SqliteUpsert(string r, string delta) => $"""
        INSERT INTO intel_object_counts ({CountKey}, audience_id, n) SELECT {SqliteCount(r)}, {delta} WHERE true
          ON CONFLICT ({CountKey}) DO UPDATE SET n = n + excluded.n;
        INSERT INTO intel_technique_counts ({TechniqueKey}, audience_id, n) SELECT * FROM (SELECT {SqliteTechnique(r)}, {delta})
          WHERE {r}.type = 'relationship' AND technique_ref LIKE 'attack-pattern--%'
          ON CONFLICT ({TechniqueKey}) DO UPDATE SET n = n + excluded.n;
        """;

    private static IEnumerable<string> Postgres()
    {
        foreach (var kind in Kinds)
        {
            yield return $"DROP TRIGGER IF EXISTS tr_intel_counts_{PostgresVersion}_{kind} ON stix_objects";
        }

        yield return "DELETE FROM intel_object_counts";
        yield return "DELETE FROM intel_technique_counts";
        yield return PostgresUpsert(PostgresDeltas("stix_objects", 1));
        foreach (var (kind, deltas, transition) in new[]
        {
            ("insert", PostgresDeltas("new_rows", 1), "NEW TABLE AS new_rows"),
            ("update", PostgresDeltas("old_rows", -1) + " UNION ALL " + PostgresDeltas("new_rows", 1), "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("delete", PostgresDeltas("old_rows", -1), "OLD TABLE AS old_rows"),
        })
        {
            yield return $"""
                CREATE OR REPLACE FUNCTION intel_counts_{PostgresVersion}_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  {PostgresUpsert(deltas)};
                  RETURN NULL;
                END $$
                """;
            yield return $"""
                CREATE TRIGGER tr_intel_counts_{PostgresVersion}_{kind} AFTER {kind.ToUpperInvariant()} ON stix_objects
                REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION intel_counts_{PostgresVersion}_{kind}()
                """;
        }
    }

    /// <summary>
    /// Per current row of <paramref name="table"/>: its bucket, technique (relationships only) and ±1. The JSON is read
    /// only for sightings and relationships, as <c>json</c> (which, unlike <c>jsonb</c>, accepts any valid STIX string).
    /// </summary>
    private static string PostgresDeltas(string table, int sign) => $"""
        SELECT r.owner_org_id, r.tlp, r.scope, r.audience_id, COALESCE(r.audience_id, '{Zero}'::uuid) AS audience_key, r.type,
          r.date_added_us / 86400000000 AS day,
          CASE WHEN r.type = 'sighting' THEN COALESCE((convert_from(r.json, 'UTF8')::json -> 'x_concord_anonymous')::text <> 'true', true) ELSE true END AS named,
          CASE WHEN r.type = 'relationship' THEN convert_from(r.json, 'UTF8')::json ->> 'target_ref' END AS technique_ref,
          {sign} AS d
        FROM {table} r WHERE r.latest AND NOT r.revoked
        """;

    private static string PostgresUpsert(string deltas) => $"""
        WITH deltas AS MATERIALIZED ({deltas}),
        objects AS (
          INSERT INTO intel_object_counts AS c ({CountKey}, audience_id, n)
          SELECT owner_org_id, tlp, scope, audience_key, type, day, named, audience_id, sum(d) FROM deltas
          GROUP BY owner_org_id, tlp, scope, audience_key, type, day, named, audience_id HAVING sum(d) <> 0
          ON CONFLICT ({CountKey}) DO UPDATE SET n = c.n + EXCLUDED.n)
        INSERT INTO intel_technique_counts AS c ({TechniqueKey}, audience_id, n)
        SELECT owner_org_id, tlp, scope, audience_key, day, technique_ref, audience_id, sum(d) FROM deltas
        WHERE technique_ref LIKE 'attack-pattern--%'
        GROUP BY owner_org_id, tlp, scope, audience_key, day, technique_ref, audience_id HAVING sum(d) <> 0
        ON CONFLICT ({TechniqueKey}) DO UPDATE SET n = c.n + EXCLUDED.n
        """;
}
