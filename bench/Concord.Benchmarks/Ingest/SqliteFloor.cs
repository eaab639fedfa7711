using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Concord.Benchmarks.Ingest;

/// <summary>
/// The floor under a SQLite ingest: the rows the import wrote, inserted by SQLite itself (<c>INSERT … SELECT</c> from
/// the imported store, attached) into a fresh store migrated the same way, in one transaction: no parsing, no
/// validation, no round trips. The text index (an FTS5 table without content, whose rows cannot be read back) is left
/// out, so the floor is lower than any store with that index could reach.
/// </summary>
internal static class SqliteFloor
{
    /// <summary>Copies the Intel tables of <paramref name="importedDb"/> into <paramref name="freshDb"/>; returns the seconds and the rows.</summary>
    public static (double Seconds, long Rows) Measure(string importedDb, string freshDb)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = freshDb, Pooling = false }.ConnectionString);
        connection.Open();
        Execute(connection, $"ATTACH DATABASE '{importedDb.Replace("'", "''", StringComparison.Ordinal)}' AS src");
        var tables = new List<string>();
        using (var list = new SqliteCommand(
            "SELECT name FROM src.sqlite_master WHERE type = 'table' AND (name LIKE 'stix\\_%' ESCAPE '\\' OR name LIKE 'intel\\_%' ESCAPE '\\') AND name NOT LIKE 'stix\\_search%' ESCAPE '\\' ORDER BY name",
            connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            Execute(connection, $"DELETE FROM main.\"{table}\"");
        }

        long rows = 0;
        var clock = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var table in tables)
            {
                using var copy = new SqliteCommand($"INSERT INTO main.\"{table}\" SELECT * FROM src.\"{table}\"", connection, transaction);
                rows += copy.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        clock.Stop();
        return (clock.Elapsed.TotalSeconds, rows);
    }

    public static string Describe((double Seconds, long Rows) floor, double seconds) => string.Create(CultureInfo.InvariantCulture,
        $"{"  floor: SQLite's own INSERT … SELECT",-40} {floor.Rows,10:N0} rows in {floor.Seconds,6:F2} s (text index left out); ingest / floor = {seconds / floor.Seconds:F2}×");

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
