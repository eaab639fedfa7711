using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Import;

/// <summary>
/// Writes one batch of rows with distinct ids. One probe finds the ids the store already holds (under any owner).
/// Rows of new ids go by binary COPY straight into <c>stix_objects</c> with <c>latest</c> set: no stored row can
/// conflict with them or lose its flag to them, and every writer holds the ingest lock, so none can appear meanwhile.
/// Rows of known ids go by COPY into a session-local staging table and one INSERT … SELECT … ON CONFLICT DO NOTHING
/// (a re-ingested version is a duplicate, not an error) that also marks the newest version of each id latest and
/// clears the flag on the version it supersedes.
/// </summary>
internal static class PostgresBatchWriter
{
    internal const string StagingDdl = """
        CREATE TEMP TABLE IF NOT EXISTS intel_staging (
          seq bigint NOT NULL, stix_id text NOT NULL, type text NOT NULL, spec_version text, created text, modified text,
          created_us bigint, modified_us bigint, version_us bigint NOT NULL, revoked boolean NOT NULL, created_by_ref text,
          name text, description text, labels text, date_added_us bigint NOT NULL, owner_org_id uuid NOT NULL,
          tlp integer NOT NULL, scope integer NOT NULL, audience_id uuid, json bytea NOT NULL);
        TRUNCATE intel_staging;
        """;

    private const string Columns = "seq, stix_id, type, spec_version, created, modified, created_us, modified_us, version_us, revoked, created_by_ref, name, description, labels, date_added_us, owner_org_id, tlp, scope, audience_id, json";

    // Every statement here is shaped so that its plan cannot depend on the planner's statistics, which inside one
    // bulk transaction describe the table as it was before (often empty): driven by the batch, probing the
    // (stix_id, version_us) index once per row, never scanning the store.
    // The probe: a nested loop over the batch's ids (unnest's row count is the array's length) into the index.
    private const string ProbeSql = "SELECT i.id FROM unnest(@ids) AS i(id) WHERE EXISTS (SELECT 1 FROM stix_objects x WHERE x.stix_id = i.id)";

    // Per staged row, the id's stored latest version for the same owner. OFFSET 0 keeps the owner and latest tests
    // out of the index choice, so the probe goes by id alone (an id has a handful of versions at most) rather than
    // combining indexes on selectivities guessed from stale statistics. The superseded rows are updated by primary
    // key. A batch never holds two versions of one id, so one probe decides both flags.
    private const string MoveSql = $"""
        WITH prior AS MATERIALIZED (
          SELECT s.seq AS staged, x.seq AS old_seq, x.version_us AS old_version, s.version_us AS new_version
          FROM intel_staging s CROSS JOIN LATERAL (
            SELECT seq, version_us, owner_org_id, latest FROM stix_objects x WHERE x.stix_id = s.stix_id OFFSET 0) x
          WHERE x.owner_org_id = s.owner_org_id AND x.latest),
        superseded AS (
          UPDATE stix_objects o SET latest = false
          WHERE o.seq = ANY (ARRAY(SELECT old_seq FROM prior WHERE old_version < new_version)))
        INSERT INTO stix_objects ({Columns}, latest)
        SELECT {Columns}, p.staged IS NULL OR p.old_version < s.version_us
        FROM intel_staging s LEFT JOIN prior p ON p.staged = s.seq
        ON CONFLICT (stix_id, version_us) DO NOTHING;
        TRUNCATE intel_staging;
        """;

    /// <summary>Writes the batch; returns how many of its rows were stored and how many were already there.</summary>
    public static async Task<(long Stored, long Duplicates)> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingRow> batch, CancellationToken cancellationToken)
    {
        var known = await KnownIdsAsync(connection, transaction, batch, cancellationToken);
        long stored = 0;
        if (known.Count < batch.Count)
        {
            await CopyAsync(connection, $"COPY stix_objects ({Columns}, latest) FROM STDIN (FORMAT BINARY)", batch, known, staged: false, cancellationToken);
            stored += batch.Count - known.Count;
        }

        if (known.Count > 0)
        {
            await CopyAsync(connection, $"COPY intel_staging ({Columns}) FROM STDIN (FORMAT BINARY)", batch, known, staged: true, cancellationToken);
            await using var move = new NpgsqlCommand(MoveSql, connection, transaction) { CommandTimeout = 0 };
            stored += await move.ExecuteNonQueryAsync(cancellationToken);
        }

        return (stored, batch.Count - stored);
    }

    private static async Task<HashSet<string>> KnownIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingRow> batch, CancellationToken cancellationToken)
    {
        var ids = new string[batch.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = batch[i].Row.StixId;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var probe = new NpgsqlCommand(ProbeSql, connection, transaction) { CommandTimeout = 0 };
        probe.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = ids });
        await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(reader.GetString(0));
        }

        return known;
    }

    /// <summary>COPYs the batch's rows whose id is <paramref name="staged"/> (known) or not; into staging without <c>latest</c>.</summary>
    private static async Task CopyAsync(
        NpgsqlConnection connection, string copy, List<PendingRow> batch, HashSet<string> known, bool staged, CancellationToken cancellationToken)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(copy, cancellationToken);
        var sent = false;
        try
        {
            using (var rows = new CopyRowWriter(stream))
            {
                foreach (var pending in batch)
                {
                    if (known.Count == 0 || known.Contains(pending.Row.StixId) == staged)
                    {
                        await rows.StartRowAsync(staged ? (short)20 : (short)21, MaxBytes(pending.Row), cancellationToken);
                        WriteValues(rows, pending, latest: !staged);
                    }
                }

                await rows.CompleteAsync(cancellationToken);
            }

            sent = true;
            await stream.DisposeAsync(); // ends the COPY: a row the server refuses fails here
        }
        catch when (!sent)
        {
            await stream.CancelAsync();
            throw;
        }
    }

    private static int MaxBytes(IngestRow row) =>
        (12 * 6) + (8 * 2) + (20 * 2) + (5 * 2)
        + CopyRowWriter.MaxBytes(row.StixId) + CopyRowWriter.MaxBytes(row.Type) + CopyRowWriter.MaxBytes(row.SpecVersion)
        + CopyRowWriter.MaxBytes(row.Created) + CopyRowWriter.MaxBytes(row.Modified) + CopyRowWriter.MaxBytes(row.CreatedByRef)
        + CopyRowWriter.MaxBytes(row.Name) + CopyRowWriter.MaxBytes(row.Description) + CopyRowWriter.MaxBytes(row.Labels)
        + 4 + row.Json.Length;

    /// <summary>The values in <see cref="Columns"/> order, then <c>latest</c> when copying into the store.</summary>
    private static void WriteValues(CopyRowWriter w, PendingRow pending, bool latest)
    {
        var row = pending.Row;
        w.Int64(pending.Seq);
        w.Text(row.StixId);
        w.Text(row.Type);
        w.Text(row.SpecVersion);
        w.Text(row.Created);
        w.Text(row.Modified);
        w.Int64(row.CreatedUs);
        w.Int64(row.ModifiedUs);
        w.Int64(row.VersionUs);
        w.Boolean(row.Revoked);
        w.Text(row.CreatedByRef);
        w.Text(row.Name);
        w.Text(row.Description);
        w.Text(row.Labels);
        w.Int64(pending.DateAddedUs);
        w.Uuid(row.OwnerOrgId);
        w.Int32((int)row.Tlp);
        w.Int32((int)row.Scope);
        w.Uuid(row.AudienceId);
        w.Bytes(row.Json.Span);
        if (latest)
        {
            w.Boolean(true);
        }
    }
}
