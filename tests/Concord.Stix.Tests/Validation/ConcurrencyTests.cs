using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix.Validation;

namespace Concord.Stix.Tests.Validation;

public class ConcurrencyTests
{
    [Fact]
    public void Validate_FromManyThreads_GivesTheSameResultsAsSequentially()
    {
        var samples = new[] { "indicator", "malware", "relationship", "sighting", "observed-data", "file", "marking-definition", "location" }
            .SelectMany(t => new[] { Stix.Sample(t), Broken(Stix.Sample(t)) })
            .Select(o => JsonDocument.Parse(o.ToJsonString()))
            .ToArray();
        var expected = samples.Select(d => string.Join("|", StixValidator.Validate(d.RootElement).Issues)).ToArray();

        var actual = new string[2000];
        Parallel.For(0, actual.Length, i => actual[i] = string.Join("|", StixValidator.Validate(samples[i % samples.Length].RootElement).Issues));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % samples.Length], actual[i]);
        }
    }

    private static JsonObject Broken(JsonObject obj)
    {
        obj["id"] = "nope";
        obj["x_Bad"] = new JsonArray();
        return obj;
    }
}
