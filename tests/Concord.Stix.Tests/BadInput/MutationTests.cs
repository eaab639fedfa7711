using System.Text;
using System.Text.Json.Nodes;
using Concord.Stix.Identifiers;
using Concord.Stix.Markings;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.BadInput;

/// <summary>
/// Seeded, bounded fuzzing: mutated example objects must only ever produce results (an object or an error), from
/// the parser, the bundle reader and, when parsing succeeds, the validator, SCO-id and TLP helpers.
/// </summary>
public class MutationTests
{
    private const int Cases = 4000;

    private static readonly string[] Fallback =
    [
        """{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z","labels":["a"]}""",
        """{"type":"file","spec_version":"2.1","id":"file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d","hashes":{"MD5":"1717b7fff97d37a1e1a0029d83492de1"},"size":83968,"name":"resume.pdf"}""",
    ];

    [Fact]
    public void ParseReadAndValidate_MutatedExamples_AlwaysReturnResults()
    {
        var seeds = Seeds();
        var random = new Random(20261123);
        var options = new StixReaderOptions { MaxDepth = 16, MaxStringBytes = 4096, MaxObjectBytes = 64 * 1024 };
        var outcomes = new int[2];
        for (var i = 0; i < Cases; i++)
        {
            var mutated = Mutate(seeds[random.Next(seeds.Count)], random);
            outcomes[Exercise(mutated, options) ? 1 : 0]++;
            ExerciseBundle(mutated, options);
        }

        // Both outcomes must occur, or the mutations are too weak (or too destructive) to test anything.
        Assert.True(outcomes[0] > Cases / 20, $"rejected {outcomes[0]}");
        Assert.True(outcomes[1] > Cases / 20, $"accepted {outcomes[1]}");
    }

    private static bool Exercise(byte[] json, StixReaderOptions options)
    {
        if (!StixParser.TryParse(json, out var obj, out var error, options))
        {
            Assert.NotNull(error);
            return false;
        }

        using (obj)
        {
            Assert.NotNull(StixValidator.Validate(obj));
            _ = ScoIds.Verify(obj.Json, out _);
            _ = TlpMarkings.EffectiveTlp(obj.ObjectMarkingRefs);
            _ = obj.Kind;
        }

        return true;
    }

    private static void ExerciseBundle(byte[] element, StixReaderOptions options)
    {
        byte[] bundle = [.. "{\"type\":\"bundle\",\"objects\":["u8, .. element, .. ","u8, .. element, .. "]}"u8];
        foreach (var entry in StixBundleReader.Read(new TrickleStream(bundle, element.Length), options))
        {
            if (entry.TryParse(out var obj, out var error))
            {
                Assert.NotNull(StixValidator.Validate(obj));
                obj.Dispose();
            }
            else
            {
                Assert.NotNull(error);
            }
        }
    }

    private static byte[] Mutate(string seed, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(seed);
        switch (random.Next(7))
        {
            case 0: // flip bytes
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 1: // delete a range
                var start = random.Next(bytes.Length);
                var length = Math.Min(random.Next(1, 16), bytes.Length - start);
                return [.. bytes.AsSpan(0, start), .. bytes.AsSpan(start + length)];
            case 2: // truncate
                return bytes[..random.Next(bytes.Length)];
            case 3: // duplicate a key textually
                var text = seed.Insert(1, "\"type\":\"x\",");
                return Encoding.UTF8.GetBytes(text);
            default: // delete or retype a property, possibly deep
                var node = JsonNode.Parse(seed)!.AsObject();
                var target = PickObject(node, random);
                if (target.Count == 0)
                {
                    return bytes;
                }

                var key = target.ElementAt(random.Next(target.Count)).Key;
                if (random.Next(3) == 0)
                {
                    target.Remove(key);
                }
                else
                {
                    target[key] = RandomValue(random);
                }

                return Encoding.UTF8.GetBytes(node.ToJsonString());
        }
    }

    private static JsonObject PickObject(JsonObject root, Random random)
    {
        var current = root;
        while (random.Next(2) == 0)
        {
            var children = current.Select(p => p.Value).OfType<JsonObject>()
                .Concat(current.Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a.OfType<JsonObject>())).ToList();
            if (children.Count == 0)
            {
                break;
            }

            current = children[random.Next(children.Count)];
        }

        return current;
    }

    private static JsonNode? RandomValue(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextDouble() * 1e300),
        3 => JsonValue.Create(-random.Next()),
        4 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1)),
        5 => new JsonObject { ["k"] = new JsonArray() },
        6 => JsonValue.Create(new string('s', random.Next(5000))),
        7 => JsonValue.Create("marking-definition--" + new Guid(random.GetItems<byte>([0, 1, 0x40, 0xff], 16)).ToString()),
        _ => JsonNode.Parse(new string('[', 20) + new string(']', 20)),
    };

    private static List<string> Seeds()
    {
        var root = Concord.Testing.SharedData.TryRoot;
        if (root is null)
        {
            return [.. Fallback];
        }

        var seeds = new List<string>(Fallback);
        foreach (var dir in new[] { Path.Combine(root, "stix2.1", "examples"), Path.Combine(root, "stix2.1", "examples-cti-documentation") })
        {
            foreach (var file in Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(file);
                seeds.AddRange(StixBundleReader.Read(stream).Where(e => e.Error is null).Select(e => Encoding.UTF8.GetString(e.Utf8Json.Span)));
            }
        }

        return seeds;
    }
}
