using System.Globalization;
using Npgsql;

namespace Concord.Benchmarks.Ingest;

/// <summary>
/// CPU time PostgreSQL spent on a run, read from /proc (the server runs on this machine): the backends connected to
/// the run's database (pooled connections stay open until the run ends) and the server's background writers.
/// Empty figures when /proc is unavailable, e.g. a remote server.
/// </summary>
internal readonly record struct ServerCpu(double Backends, double Background, bool Known)
{
    private static readonly string[] BackgroundNames = ["walwriter", "checkpointer", "background writer"];

    public static async Task<ServerCpu> SampleAsync(string server, string database)
    {
        if (!Directory.Exists("/proc/self"))
        {
            return default;
        }

        var backends = 0.0;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", connection);
            command.Parameters.AddWithValue("db", database);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                backends += Seconds(reader.GetInt32(0));
            }
        }

        var background = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadOrNull(Path.Combine(dir, "cmdline")) is { } cmd
                && cmd.StartsWith("postgres: ", StringComparison.Ordinal) && BackgroundNames.Any(n => cmd.Contains(n, StringComparison.Ordinal)))
            {
                background += Seconds(pid);
            }
        }

        return new ServerCpu(backends, background, true);
    }

    public string Since(ServerCpu before) => !Known ? "" : string.Create(CultureInfo.InvariantCulture,
        $", {Backends - before.Backends:F2} s CPU in PostgreSQL backends, {Background - before.Background:F2} s in its WAL writer/checkpointer/bgwriter");

    public static string LoadAverage() => ReadOrNull("/proc/loadavg") is { } text ? string.Join(' ', text.Split(' ').Take(3)) : "unknown";

    /// <summary>utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    private static double Seconds(int pid)
    {
        var stat = ReadOrNull($"/proc/{pid}/stat");
        if (stat is null)
        {
            return 0;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
