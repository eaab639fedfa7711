using System.Text;
using System.Text.Json;
using Concord.Intel.Features.Misp;

namespace Concord.Intel.Tests.Misp;

/// <summary>Converts MISP JSON the way an import does (the document reader, then the converter), without a store.</summary>
internal static class MispFiles
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<MispConverted> Convert(string json) => Convert(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    public static List<MispConverted> ConvertFile(string path)
    {
        using var file = File.OpenRead(path);
        return Convert(file);
    }

    public static List<MispConverted> Convert(Stream stream)
    {
        var results = new List<MispConverted>();
        foreach (var unit in Units(stream))
        {
            using (unit)
            {
                if (unit.Error is not null)
                {
                    var failed = new MispConverted();
                    failed.Outputs.Add(new MispOutput(null, null, new(unit.Path, "document"), default) { Problem = new ObjectIssue(unit.Path, unit.Rule, unit.Error) });
                    results.Add(failed);
                    continue;
                }

                results.Add(MispEventConverter.Convert(unit.Event, unit.Path, Now));
            }
        }

        return results;
    }

    public static List<MispUnit> Units(Stream stream) =>
        MispDocumentReader.ReadAsync(stream, CancellationToken.None).ToBlockingEnumerable().ToList();

    /// <summary>The STIX objects converted (rejections fail the caller's expectations elsewhere), parsed.</summary>
    public static List<JsonElement> Objects(IEnumerable<MispConverted> converted) =>
        converted.SelectMany(c => c.Outputs).Where(o => o.Json is not null).Select(o => JsonDocument.Parse(o.Json!).RootElement).ToList();

    public static List<ObjectIssue> Problems(IEnumerable<MispConverted> converted) =>
        converted.SelectMany(c => c.Outputs).Select(o => o.Problem).OfType<ObjectIssue>().ToList();
}
