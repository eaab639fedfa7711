using System.Diagnostics;
using System.Globalization;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Observables.Exclusions;
using Concord.Observables;
using Concord.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Concord.Benchmarks.Correlation;

/// <summary>
/// The floor under a one-value lookup in PostgreSQL: the statements it cannot do without, prepared once on one open
/// connection — the index range of each probe (the same probes the service builds), the matched rows by primary key,
/// and the scores of matched indicators. No visibility, no exclusions, no warninglists, no organisation names, no
/// pooling or context: what the database and the wire cost for the same values.
/// </summary>
internal static class CorrelationFloor
{
    private const string IndexSql = "SELECT key, seq FROM intel_observables WHERE key >= $1 AND key <= $2 ORDER BY key, seq LIMIT $3";

    private const string RowsSql = """
        SELECT seq, stix_id, type, name, owner_org_id, tlp, created_us, modified_us, date_added_us FROM stix_objects
        WHERE seq = ANY($1) AND latest AND NOT revoked
        """;

    private const string ScoresSql = "SELECT stix_id, owner_org_id, base, ref_us, until_us FROM intel_scores WHERE stix_id = ANY($1)";

    /// <summary>Looks each value up the bare way; returns the sorted latencies in ms and prints them beside <paramref name="ours"/>.</summary>
    public static async Task RunAsync(BenchStore store, IReadOnlyList<string> values, double[] ours, double oursCpuPerLookup)
    {
        if (store.Provider != StorageProvider.Postgres)
        {
            return;
        }

        var connectionString = store.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var prefixes = await PrefixesAsync(connection);
        await using var index = Prepared(connection, IndexSql, NpgsqlDbType.Bytea, NpgsqlDbType.Bytea, NpgsqlDbType.Integer);
        await using var rows = Prepared(connection, RowsSql, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        await using var scores = Prepared(connection, ScoresSql, NpgsqlDbType.Array | NpgsqlDbType.Text);
        foreach (var command in new[] { index, rows, scores })
        {
            await command.PrepareAsync();
        }

        for (var i = 0; i < Math.Min(200, values.Count); i++)
        {
            await LookupAsync(values[i], prefixes, index, rows, scores);
        }

        var times = new double[values.Count];
        var clock = new Stopwatch();
        using (var measure = Measure.Start())
        {
            for (var i = 0; i < values.Count; i++)
            {
                clock.Restart();
                await LookupAsync(values[i], prefixes, index, rows, scores);
                times[i] = clock.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            var cpu = measure.CpuSeconds / values.Count * 1000;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"floor (prepared index, row and score probes): p50 {times[values.Count / 2]:F3} ms, p99 {times[values.Count * 99 / 100]:F3} ms, max {times[^1]:F3} ms; {measure}; {cpu:F3} ms CPU per lookup in this process"));
        }

        int P(double[] t, int percent) => t.Length * percent / 100;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lookup / floor: p50 {ours[P(ours, 50)] / times[P(times, 50)]:F2}×, p99 {ours[P(ours, 99)] / times[P(times, 99)]:F2}×; our CPU per lookup {oursCpuPerLookup:F3} ms"));
    }

    private static async Task LookupAsync(string value, IReadOnlyCollection<(short, short)> prefixes, NpgsqlCommand index, NpgsqlCommand rows, NpgsqlCommand scores)
    {
        var parsed = Observable.Detect(value);
        if (!parsed.IsSuccess)
        {
            return;
        }

        var probes = new List<Probe>();
        Probes.For(0, parsed.Value, parents: true, prefixes, ExclusionMatcher.None, probes);
        var seqs = new List<long>();
        foreach (var probe in probes)
        {
            index.Parameters[0].Value = probe.Low;
            index.Parameters[1].Value = probe.High;
            index.Parameters[2].Value = 101;
            await using var reader = await index.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                seqs.Add(reader.GetInt64(1));
            }
        }

        if (seqs.Count == 0)
        {
            return;
        }

        var indicators = new List<string>();
        rows.Parameters[0].Value = seqs.ToArray();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (reader.GetString(2) == "indicator")
                {
                    indicators.Add(reader.GetString(1));
                }
            }
        }

        if (indicators.Count > 0)
        {
            scores.Parameters[0].Value = indicators.ToArray();
            await using var reader = await scores.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }
    }

    private static NpgsqlCommand Prepared(NpgsqlConnection connection, string sql, params NpgsqlDbType[] types)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var type in types)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        }

        return command;
    }

    private static async Task<List<(short, short)>> PrefixesAsync(NpgsqlConnection connection)
    {
        var prefixes = new List<(short, short)>();
        await using var command = new NpgsqlCommand("SELECT space, prefix FROM intel_observable_prefixes", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            prefixes.Add((reader.GetInt16(0), reader.GetInt16(1)));
        }

        return prefixes;
    }
}
