using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// The MISP-compatible API (<c>/misp</c>): an event is viewed only when the reader may read its report or grouping, else
/// it answers exactly as a missing one; restSearch (a read, though POSTed) by each record's value returns only events
/// and attributes whose records the reader may read. (MispApi/MispApiVisibilityTests checks events with hidden parts.)
/// </summary>
internal sealed class MispApiPaths : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "misp-api";

    public IReadOnlyList<string> Routes { get; } = ["GET,POST /misp/events/view/{id}/{**named}"];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        if (reader.Kind != PrincipalKind.Member)
        {
            return; // the routes need a member (EndpointPolicyTests); peers and strangers are refused before any read
        }

        var client = await world.ClientAsync(reader);
        var missing = Guid.NewGuid().ToString("D");
        foreach (var record in world.Records.Where(r => !r.Deleted))
        {
            var uuid = record.Id[(record.Id.IndexOf("--", StringComparison.Ordinal) + 2)..];
            var readable = record.Type is "report" or "grouping" && world.MayRead(reader, record);
            if (!readable)
            {
                await report.SameAsMissingAsync(reader, record with { Id = uuid }, "events/view", client, $"/misp/events/view/{uuid}", $"/misp/events/view/{missing}", missing);
            }

            if (record.Value is { } value)
            {
                foreach (var controller in new[] { "events", "attributes" })
                {
                    using var response = await client.PostAsJsonAsync($"/misp/{controller}/restSearch", new { returnFormat = "json", value }, Ct);
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                    var hits = controller == "events" ? body.GetProperty("response").EnumerateArray().Select(e => e.GetProperty("Event").GetProperty("uuid").GetString())
                        : body.GetProperty("response").GetProperty("Attribute").EnumerateArray().Select(a => a.GetProperty("Event").GetProperty("uuid").GetString());
                    foreach (var hit in hits)
                    {
                        if (!world.Records.Any(r => r.Type is "report" or "grouping" && r.Id.EndsWith(hit!, StringComparison.Ordinal) && world.MayRead(reader, r)))
                        {
                            report.Add(reader, $"{controller}/restSearch for {value}: event {hit} the reader may not read");
                        }
                    }
                }
            }
        }
    }
}
