using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Writes one batch of one owner's rows with distinct ids. One probe finds the ids that owner already holds (another
/// organisation's copy of an id is never versioned or deduplicated against: ownership is part of identity) and the ids
/// another organisation holds. Rows of ids new to the owner go by binary COPY straight into <c>stix_objects</c> with <c>latest</c> set: no stored row can conflict with them or lose
/// its flag to them, and every writer holds the ingest lock, so none can appear meanwhile. Rows of known ids go by COPY into a session-local staging table and one INSERT … SELECT … ON CONFLICT DO NOTHING
/// (a re-ingested version is a duplicate, not an error) that also marks the newest version of each id latest and
/// clears the flag on the version it supersedes. Rows are written with <c>sole_copy</c> set; on ids another organisation
/// holds, one statement then clears it on every row of the id, the other copies' included (the id has several copies
/// now). Then the batch's correlation index keys, for the rows stored.
/// </summary>
internal static class PostgresBatchWriter
{
    internal const string StagingDdl = """
        CREATE TEMP TABLE IF NOT EXISTS intel_staging (
          seq bigint NOT NULL, stix_id text NOT NULL, type text NOT NULL, spec_version text, created text, modified text,
          created_us bigint, modified_us bigint, version_us bigint NOT NULL, revoked boolean NOT NULL, created_by_ref text,
          name text, description text, labels text, date_added_us bigint NOT NULL, owner_org_id uuid NOT NULL,
          tlp integer NOT NULL, scope integer NOT NULL, audience_id uuid, json bytea NOT NULL, content_hash bytea, latest boolean NOT NULL,
          sole_copy boolean NOT NULL, search_doc tsvector);
        TRUNCATE intel_staging;
        """;

    private const string Values = "seq, stix_id, type, spec_version, created, modified, created_us, modified_us, version_us, revoked, created_by_ref, name, description, labels, date_added_us, owner_org_id, tlp, scope, audience_id, json, content_hash, sole_copy, search_doc";

    // Every statement here is shaped so that its plan cannot depend on the planner's statistics, which inside one
    // bulk transaction describe the table as it was before (often empty): driven by the batch, probing the
    // (stix_id, owner_org_id, version_us) index once per row, never scanning the store.
    // The probe: a nested loop over the batch's ids into the index. Written as a lateral subquery (an aggregate, which
    // like a LIMIT cannot be flattened into a join) rather than EXISTS: the planner turns an EXISTS into a semi-join and,
    // pricing thousands of index probes above one scan, hashed the whole growing table for every batch (a million-row
    // ingest spent 77 s of its 139 s in this probe). One descent of the unique index per id reads the id's rows (a
    // handful) and tells both whether the owner holds the id and whether another organisation does.
    private const string ProbeSql = """
        SELECT i.id, x.mine, x.others FROM unnest(@ids) AS i(id)
        CROSS JOIN LATERAL (
          SELECT bool_or(x.owner_org_id = @owner) AS mine, bool_or(x.owner_org_id <> @owner) AS others
          FROM stix_objects x WHERE x.stix_id = i.id) x
        WHERE x.mine IS NOT NULL
        """;

    // Ids held by several organisations: no row of theirs is its id's only copy. Found per id (OFFSET 0 keeps the
    // subquery a probe of the unique index), updated by primary key. The batch's own rows were just written with the flag set.
    private const string SharedSql = """
        UPDATE stix_objects SET sole_copy = false
        WHERE seq = ANY (ARRAY(
          SELECT x.seq FROM unnest(@ids) AS i(id)
          CROSS JOIN LATERAL (SELECT seq FROM stix_objects x WHERE x.stix_id = i.id AND x.sole_copy OFFSET 0) x))
        """;

    // Per staged row, the stored latest version of the same owner's copy. OFFSET 0 keeps the latest test out of the
    // index choice, so the probe goes by (id, owner), the unique index's prefix (a copy has a handful of versions at
    // most), rather than combining indexes on selectivities guessed from stale statistics. The superseded rows are
    // updated by primary key. A batch never holds two versions of one id, so one probe decides both flags. (The staged
    // latest is ignored.)
    private const string MoveSql = $"""
        WITH prior AS MATERIALIZED (
          SELECT s.seq AS staged, x.seq AS old_seq, x.version_us AS old_version, s.version_us AS new_version
          FROM intel_staging s CROSS JOIN LATERAL (
            SELECT seq, version_us, latest FROM stix_objects x
            WHERE x.stix_id = s.stix_id AND x.owner_org_id = s.owner_org_id OFFSET 0) x
          WHERE x.latest),
        superseded AS (
          UPDATE stix_objects o SET latest = false
          WHERE o.seq = ANY (ARRAY(SELECT old_seq FROM prior WHERE old_version < new_version)))
        INSERT INTO stix_objects ({Values}, latest)
        SELECT {Values}, p.staged IS NULL OR p.old_version < s.version_us
        FROM intel_staging s LEFT JOIN prior p ON p.staged = s.seq
        ON CONFLICT (stix_id, owner_org_id, version_us) DO NOTHING;
        TRUNCATE intel_staging;
        """;

    /// <summary>Writes the batch; returns how many of its rows were stored and how many were already there.</summary>
    public static async Task<(long Stored, long Duplicates)> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CopyBatch batch, PostgresIndexBuffer index, CancellationToken cancellationToken)
    {
        var (known, shared) = await KnownIdsAsync(connection, transaction, batch, cancellationToken);
        long stored = 0;
        if (known.Count < batch.Count)
        {
            await CopyAsync(connection, "stix_objects", batch, known.Count == 0 ? null : id => !known.Contains(id), cancellationToken);
            stored += batch.Count - known.Count;
        }

        if (known.Count > 0)
        {
            await CopyAsync(connection, "intel_staging", batch, known.Contains, cancellationToken);
            await using var move = new NpgsqlCommand(MoveSql, connection, transaction) { CommandTimeout = 0 };
            stored += await move.ExecuteNonQueryAsync(cancellationToken);
        }

        if (shared.Count > 0)
        {
            await using var clear = new NpgsqlCommand(SharedSql, connection, transaction) { CommandTimeout = 0 };
            clear.Parameters.Add(new NpgsqlParameter<List<string>>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = shared });
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await batch.Observables.MoveAsync(connection, transaction, everyRowStored: stored == batch.Count, index, cancellationToken);
        return (stored, batch.Count - stored);
    }

    /// <summary>The batch's ids its owner already holds, and those another organisation holds.</summary>
    private static async Task<(HashSet<string> Known, List<string> Shared)> KnownIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CopyBatch batch, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var shared = new List<string>();
        await using var probe = new NpgsqlCommand(ProbeSql, connection, transaction) { CommandTimeout = 0 };
        probe.Parameters.Add(new NpgsqlParameter<List<string>>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = batch.Ids });
        probe.Parameters.Add(new NpgsqlParameter<Guid>("owner", NpgsqlDbType.Uuid) { TypedValue = batch.Owner });
        await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (reader.GetBoolean(1))
            {
                known.Add(id);
            }

            if (reader.GetBoolean(2))
            {
                shared.Add(id);
            }
        }

        return (known, shared);
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, string table, CopyBatch batch, Func<string, bool>? include, CancellationToken cancellationToken)
    {
        var copy = await connection.BeginRawBinaryCopyAsync($"COPY {table} ({CopyBatch.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var sent = false;
        try
        {
            await batch.WriteToAsync(copy, include, cancellationToken);
            sent = true;
            await copy.DisposeAsync(); // ends the COPY: a row the server refuses fails here
        }
        catch when (!sent)
        {
            await copy.CancelAsync();
            throw;
        }
    }
}
