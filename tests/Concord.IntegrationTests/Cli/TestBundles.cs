using System.Globalization;
using System.Text;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.IntegrationTests.Cli;

/// <summary>Small STIX bundles for CLI tests: indicators with a TLP marking, optionally with broken objects.</summary>
internal static class TestBundles
{
    public static (string Json, IReadOnlyList<string> Ids) Indicators(int count, Tlp tlp = Tlp.Green, int invalid = 0)
    {
        var ids = new List<string>();
        var objects = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = $"indicator--{Guid.NewGuid():D}";
            ids.Add(id);
            objects.Add($$"""
                {"type":"indicator","spec_version":"2.1","id":"{{id}}","created":"2026-05-01T10:00:00.000Z","modified":"2026-05-01T10:00:00.000Z",
                 "name":"CLI test indicator {{i}}","pattern":"[ipv4-addr:value = '198.51.100.{{(i % 250) + 1}}']","pattern_type":"stix",
                 "valid_from":"2026-05-01T10:00:00Z","object_marking_refs":["{{TlpMarkings.IdOf(tlp)}}"]}
                """);
        }

        for (var i = 0; i < invalid; i++)
        {
            // No 'type' and no 'id': invalid under any validator.
            objects.Add($$"""{"spec_version":"2.1","name":"broken {{i.ToString(CultureInfo.InvariantCulture)}}"}""");
        }

        var json = new StringBuilder("{\"type\":\"bundle\",\"id\":\"bundle--").Append(Guid.NewGuid().ToString("D")).Append("\",\"objects\":[")
            .AppendJoin(',', objects).Append("]}").ToString();
        return (json, ids);
    }

    public static string WriteTemp(string json)
    {
        var dir = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "bundle.json");
        File.WriteAllText(path, json);
        return path;
    }
}
