using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Concord.Benchmarks.Ingest;

/// <summary>
/// The floor under a PostgreSQL ingest: the rows the import wrote, copied back in by binary COPY into a fresh database
/// migrated the same way (same tables, same indexes, same constraints), in one transaction. No parsing, no validation,
/// no probing: what the database itself needs to take these rows. <see cref="SaveAsync"/> exports every table the run
/// wrote to files (not timed); <see cref="MeasureAsync"/> loads them into the fresh database and times only that.
/// </summary>
internal sealed class CopyFloor : IAsyncDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "concord-floor", Guid.NewGuid().ToString("N"));
    private readonly List<(string Table, string File, long Rows)> tables = [];

    public long Rows => tables.Sum(t => t.Rows);

    /// <summary>Exports every Intel table of <paramref name="connectionString"/>'s database that holds rows (the audit log is not the ingest's).</summary>
    public static async Task<CopyFloor> SaveAsync(string connectionString)
    {
        var floor = new CopyFloor();
        Directory.CreateDirectory(floor.folder);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand(
            @"SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND (tablename LIKE 'stix\_%' OR tablename LIKE 'intel\_%') ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var table in names)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            var rows = (long)(await count.ExecuteScalarAsync())!;
            if (rows == 0)
            {
                continue;
            }

            var file = Path.Combine(floor.folder, table + ".copy");
            await using (var output = File.Create(file))
            await using (var copy = await connection.BeginRawBinaryCopyAsync($"COPY \"{table}\" TO STDOUT (FORMAT BINARY)"))
            {
                await copy.CopyToAsync(output);
            }

            floor.tables.Add((table, file, rows));
        }

        return floor;
    }

    /// <summary>
    /// Empties the same tables in <paramref name="connectionString"/>'s (freshly migrated) database, then, timed, copies
    /// the saved rows in within one transaction. Returns the wall time and the CPU of the backend that did it.
    /// </summary>
    public async Task<(double Seconds, string ServerCpu)> MeasureAsync(string server, string database, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var empty = new NpgsqlCommand($"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t.Table}\""))}", connection))
        {
            await empty.ExecuteNonQueryAsync();
        }

        var before = await ServerCpu.SampleAsync(server, database);
        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var (table, file, _) in tables)
            {
                await using var input = File.OpenRead(file);
                await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY \"{table}\" FROM STDIN (FORMAT BINARY)");
                await input.CopyToAsync(copy);
            }

            await transaction.CommitAsync();
        }

        clock.Stop();
        return (clock.Elapsed.TotalSeconds, (await ServerCpu.SampleAsync(server, database)).Since(before));
    }

    public string Describe() => string.Join(", ", tables.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Table} {t.Rows:N0}")));

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
