using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation;

public class RobustnessTests
{
    private static readonly string[] Types = ["indicator", "malware", "relationship", "sighting", "observed-data", "file", "marking-definition", "location"];

    [Fact]
    public void Validate_SeededRandomMutations_NeverThrows()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 3000; round++)
        {
            var sample = Stix.Sample(Types[random.Next(Types.Length)]);
            for (var edits = random.Next(1, 5); edits > 0; edits--)
            {
                Mutate(sample, random);
            }

            var result = Stix.Validate(sample);
            Assert.NotNull(result.Issues);
        }
    }

    [Theory]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("""{"type":5,"id":[]}""")]
    [InlineData("""{"type":"","id":""}""")]
    [InlineData("""{"type":"indicator","granular_markings":[{"selectors":["[0]",".", "a..b", "pattern.[99999999999]"]}]}""")]
    [InlineData("""{"type":"x-\u00e9t\u00e9","id":"x-\u00e9t\u00e9--a","created":"\u0032016-01-01T00:00:00.000Z"}""")]
    [InlineData("""{"type":"file","hashes":{"":1},"extensions":{"":null,"x-ext":{}}}""")]
    public void Validate_OddInput_ReturnsResult(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.NotNull(StixValidator.Validate(document.RootElement).Issues);
    }

    private static void Mutate(JsonObject root, Random random)
    {
        var target = PickObject(root, random);
        var keys = target.Select(p => p.Key).ToList();
        switch (random.Next(4))
        {
            case 0 when keys.Count > 0:
                target.Remove(keys[random.Next(keys.Count)]);
                break;
            case 1 when keys.Count > 0:
                target[keys[random.Next(keys.Count)]] = Junk(random, 0);
                break;
            case 2:
                target[RandomText(random)] = Junk(random, 0);
                break;
            default:
                target["id"] = RandomText(random) + "--" + Guid.NewGuid();
                break;
        }
    }

    private static JsonObject PickObject(JsonObject root, Random random)
    {
        var nested = root.Select(p => p.Value).OfType<JsonObject>().ToList();
        return nested.Count > 0 && random.Next(3) == 0 ? nested[random.Next(nested.Count)] : root;
    }

    private static JsonNode? Junk(Random random, int depth) => random.Next(depth > 2 ? 5 : 8) switch
    {
        0 => null,
        1 => random.Next(-5, 1_000_000_000) * (random.Next(2) == 0 ? 1.5 : 1),
        2 => RandomText(random),
        3 => random.Next(2) == 0,
        4 => "2016-04-06T20:03:48." + random.Next(0, 10000) + "Z",
        5 => new JsonArray(Junk(random, depth + 1), Junk(random, depth + 1)),
        6 => new JsonObject { [RandomText(random)] = Junk(random, depth + 1) },
        _ => new JsonArray(),
    };

    private static string RandomText(Random random)
    {
        const string alphabet = "abcxyz_-.[]0123456789ABC\u00e9 \"\\";
        var chars = new char[random.Next(0, 12)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
