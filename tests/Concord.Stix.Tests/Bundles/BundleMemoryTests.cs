using System.Text;

namespace Concord.Stix.Tests.Bundles;

public class BundleMemoryTests
{
    private const string Element = """{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","value":"198.51.100.3"}""";

    [Fact]
    public void Scanner_TwentyMegabyteBundleOfSmallObjects_NeverGrowsItsBuffer()
    {
        var count = 20_000_000 / (Element.Length + 1);
        var json = new StringBuilder("{\"type\":\"bundle\",\"objects\":[");
        json.AppendJoin(',', Enumerable.Repeat(Element, count)).Append("]}");

        var (entries, maxCapacity) = Scan(Encoding.UTF8.GetBytes(json.ToString()), StixReaderOptions.Default);

        Assert.Equal(count, entries);
        Assert.True(maxCapacity <= 128 * 1024, $"buffer grew to {maxCapacity} bytes");
    }

    [Fact]
    public void Scanner_ElementFarOverTheLimit_KeepsTheBufferNearTheLimit()
    {
        var options = new StixReaderOptions { MaxStringBytes = int.MaxValue, MaxObjectBytes = 256 * 1024 };
        var json = "{\"objects\":[{\"a\":\"" + new string('z', 16 << 20) + "\"}," + Element + "]}";

        var (entries, maxCapacity) = Scan(Encoding.UTF8.GetBytes(json), options);

        Assert.Equal(2, entries);
        Assert.True(maxCapacity <= 4 * options.MaxObjectBytes, $"buffer grew to {maxCapacity} bytes");
    }

    [Fact]
    public async Task ReadAsync_CancelledToken_StopsWithOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"objects\":[" + Element + "]}"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var entry in StixBundleReader.ReadAsync(stream, cancellationToken: cancellation.Token))
            {
                Assert.NotNull(entry);
            }
        });
    }

    private static (int Entries, int MaxCapacity) Scan(byte[] data, StixReaderOptions options)
    {
        using var scanner = new BundleScanner(options);
        var stream = new MemoryStream(data);
        var entries = 0;
        var maxCapacity = 0;
        while (true)
        {
            maxCapacity = Math.Max(maxCapacity, scanner.BufferCapacity);
            switch (scanner.Next(out var entry))
            {
                case BundleScanner.Step.Entry:
                    entries++;
                    break;
                case BundleScanner.Step.NeedData:
                    scanner.Advance(stream.Read(scanner.FreeSpace().Span));
                    break;
                default:
                    return (entries, maxCapacity);
            }
        }
    }
}
