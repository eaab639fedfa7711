using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Concord.Intel.Features.Scoring;

/// <summary>
/// Writes a batch of computed scores into <c>intel_scores</c>, inserting new ones and overwriting changed ones, inside
/// the follower's open transaction (so they commit with its mark or not at all). Tracking each score as an EF entity,
/// after loading the stored ones to tell inserts from updates, cost the follower most of its time on a bulk import.
/// PostgreSQL gets the batch as one <c>INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE</c>; SQLite one
/// prepared upsert run per score (in process, a statement costs microseconds). Both in key order: random ids inserted
/// in index order touch the primary key's pages in turn, a fifth faster than in arrival order. An unchanged score is
/// not rewritten.
/// </summary>
internal static class ScoreWriter
{
    private const string Columns = "stix_id, owner_org_id, base, ref_us, until_us, false_positives, sightings";

    private const string OnConflict = """
        ON CONFLICT (stix_id, owner_org_id) DO UPDATE SET
          base = excluded.base, ref_us = excluded.ref_us, until_us = excluded.until_us,
          false_positives = excluded.false_positives, sightings = excluded.sightings
        WHERE (intel_scores.base, intel_scores.ref_us, intel_scores.until_us, intel_scores.false_positives, intel_scores.sightings)
          IS DISTINCT FROM (excluded.base, excluded.ref_us, excluded.until_us, excluded.false_positives, excluded.sightings)
        """;

    private const string PostgresSql = $"""
        INSERT INTO intel_scores ({Columns})
        SELECT * FROM unnest(@ids, @owners, @bases, @refs, @untils, @false_positives, @sightings) ORDER BY 1, 2
        {OnConflict}
        """;

    private const string SqliteSql = $"""
        INSERT INTO intel_scores ({Columns})
        VALUES ($id, $owner, $base, $ref, $until, $false_positives, $sightings)
        {OnConflict}
        """;

    /// <summary>Upserts <paramref name="scores"/>, which hold each (id, owner) once.</summary>
    public static Task UpsertAsync(IntelDbContext db, IReadOnlyList<IndicatorScore> scores, CancellationToken cancellationToken)
    {
        if (scores.Count == 0)
        {
            return Task.CompletedTask;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Scores are written in the follower's transaction, with its mark.");
        return transaction switch
        {
            NpgsqlTransaction postgres => PostgresAsync(postgres, scores, cancellationToken),
            SqliteTransaction sqlite => SqliteAsync(sqlite, scores, cancellationToken),
            _ => throw new InvalidOperationException($"No score writer for {transaction.GetType().Name}."),
        };
    }

    private static async Task PostgresAsync(NpgsqlTransaction transaction, IReadOnlyList<IndicatorScore> scores, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresSql, transaction.Connection, transaction) { CommandTimeout = 0 };
        var p = command.Parameters;
        p.Add(Array("ids", NpgsqlDbType.Text, scores, s => s.StixId));
        p.Add(Array("owners", NpgsqlDbType.Uuid, scores, s => s.OwnerOrgId));
        p.Add(Array("bases", NpgsqlDbType.Double, scores, s => s.Base));
        p.Add(Array("refs", NpgsqlDbType.Bigint, scores, s => s.RefUs));
        p.Add(Array("untils", NpgsqlDbType.Bigint, scores, s => s.UntilUs));
        p.Add(Array("false_positives", NpgsqlDbType.Integer, scores, s => s.FalsePositives));
        p.Add(Array("sightings", NpgsqlDbType.Bigint, scores, s => s.Sightings));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<T[]> Array<T>(string name, NpgsqlDbType type, IReadOnlyList<IndicatorScore> scores, Func<IndicatorScore, T> value)
    {
        var values = new T[scores.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(scores[i]);
        }

        return new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | type) { TypedValue = values };
    }

    private static async Task SqliteAsync(SqliteTransaction transaction, IReadOnlyList<IndicatorScore> scores, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteSql;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var owner = command.Parameters.Add("$owner", SqliteType.Text);
        var @base = command.Parameters.Add("$base", SqliteType.Real);
        var refUs = command.Parameters.Add("$ref", SqliteType.Integer);
        var untilUs = command.Parameters.Add("$until", SqliteType.Integer);
        var falsePositives = command.Parameters.Add("$false_positives", SqliteType.Integer);
        var sightings = command.Parameters.Add("$sightings", SqliteType.Integer);
        await command.PrepareAsync(cancellationToken);
        foreach (var score in scores.OrderBy(s => s.StixId, StringComparer.Ordinal))
        {
            id.Value = score.StixId;
            owner.Value = SqliteValues.Guid(score.OwnerOrgId);
            @base.Value = score.Base;
            refUs.Value = score.RefUs;
            untilUs.Value = score.UntilUs;
            falsePositives.Value = score.FalsePositives;
            sightings.Value = score.Sightings;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
