using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace Concord.Benchmarks.Taxii;

/// <summary>
/// The floor under reading a collection page by page: the same rows (latest versions, store order, <c>limit</c> per
/// page) read by one prepared statement on one open connection, written as a TAXII envelope to a plain TCP socket on
/// 127.0.0.1, read and parsed by the client as the TAXII client parses ours. No HTTP, no authentication, no visibility,
/// no cursor tokens: what the database, the bytes and the socket cost.
/// </summary>
internal static class TaxiiFloor
{
    private const string PageSql = "SELECT seq, json FROM stix_objects WHERE seq > $1 AND latest ORDER BY seq LIMIT $2";

    /// <summary>Reads every page; returns the sorted page latencies (ms), the objects read and the wall seconds.</summary>
    public static async Task<(List<double> Latencies, long Objects, double Seconds)> RunAsync(string connectionString, int pageSize)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeAsync(listener, connectionString, pageSize);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var stream = client.GetStream();
        var latencies = new List<double>();
        long objects = 0;
        var after = long.MinValue;
        var header = new byte[12];
        var total = Stopwatch.StartNew();
        while (true)
        {
            var clock = Stopwatch.StartNew();
            BinaryPrimitives.WriteInt64LittleEndian(header, after);
            await stream.WriteAsync(header.AsMemory(0, 8));
            await stream.ReadExactlyAsync(header);
            var last = BinaryPrimitives.ReadInt64LittleEndian(header);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
            var body = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            await stream.ReadExactlyAsync(body.AsMemory(0, length));
            using (var page = JsonDocument.Parse(body.AsMemory(0, length)))
            {
                objects += page.RootElement.GetProperty("objects").GetArrayLength();
            }

            ArrayPool<byte>.Shared.Return(body);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (last == after)
            {
                break;
            }

            after = last;
        }

        total.Stop();
        client.Close();
        await serving;
        latencies.Sort();
        return (latencies, objects, total.Elapsed.TotalSeconds);
    }

    private static async Task ServeAsync(TcpListener listener, string connectionString, int pageSize)
    {
        using var socket = await listener.AcceptTcpClientAsync();
        var stream = socket.GetStream();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(PageSql, connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = pageSize });
        await command.PrepareAsync();
        var request = new byte[8];
        var output = new ArrayBufferWriter<byte>(1 << 20);
        while (true)
        {
            try
            {
                await stream.ReadExactlyAsync(request);
            }
            catch (EndOfStreamException)
            {
                return;
            }

            var after = BinaryPrimitives.ReadInt64LittleEndian(request);
            command.Parameters[0].Value = after;
            output.ResetWrittenCount();
            output.Write("{\"more\":true,\"objects\":["u8);
            var last = after;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                var first = true;
                while (await reader.ReadAsync())
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }

                    first = false;
                    last = reader.GetInt64(0);
                    output.Write((byte[])reader.GetValue(1));
                }
            }

            output.Write("]}"u8);
            var header = new byte[12];
            BinaryPrimitives.WriteInt64LittleEndian(header, last);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), output.WrittenCount);
            await stream.WriteAsync(header);
            await stream.WriteAsync(output.WrittenMemory);
        }
    }

    public static string Describe((List<double> Latencies, long Objects, double Seconds) floor, List<double> ours, double oursSeconds)
    {
        double P(List<double> t, double p) => t[Math.Min(t.Count - 1, (int)Math.Ceiling(p * t.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"  floor (prepared page query, envelope written to a TCP socket, parsed by the client): {floor.Objects:N0} objects in {floor.Seconds:F2} s, page p50 {P(floor.Latencies, 0.5):F1} ms, p99 {P(floor.Latencies, 0.99):F1} ms; page / floor: p50 {P(ours, 0.5) / P(floor.Latencies, 0.5):F2}×, whole read {oursSeconds / floor.Seconds:F2}×");
    }
}
