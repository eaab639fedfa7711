using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.MispApi;

/// <summary>Reads through the visibility door, and writes by the owner only, as MISP answers a user who may not edit.</summary>
public class MispApiVisibilityTests
{
    private const string EventUuid = "5f3a4d9e-1c2b-4e8f-9a7d-0b1c2d3e4f50";

    private static async Task<(TestNode Node, TestAlliance Alliance, string Alpha, string Bravo)> SeedAsync(Store store, string distribution)
    {
        var node = await TestNode.StartAsync(store);
        var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var (alpha, bravo) = (await alliance.ApiKeyAsync("Alpha", Role.Analyst), await alliance.ApiKeyAsync("Bravo", Role.Analyst));
        var @event = JsonNode.Parse(PyMisp.SeedEvent())!.AsObject();
        @event["distribution"] = distribution;
        using var client = node.CreateClient();
        var added = await PyMisp.SendAsync(client, PyMisp.Requests("05-add-event.json").Single(), alpha, bodyOverride: @event.ToJsonString());
        Assert.Equal(200, added.Status);
        return (node, alliance, alpha, bravo);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task HiddenEvent_AnswersAsAMissingOne_AndNoSearchReturnsIt(Store store)
    {
        var (node, alliance, _, bravo) = await SeedAsync(store, "0");
        await using var _n = node;
        using var _a = alliance;
        using var client = node.CreateClient();

        var hidden = await PyMisp.SendAsync(client, PyMisp.Requests("04-get-event.json").Single(), bravo);
        var missing = await PyMisp.SendAsync(client, PyMisp.Requests("04-get-event.json").Single(), bravo, pathOverride: "/events/view/0e0e0e0e-0000-4000-8000-000000000000");
        Assert.Equal((404, "Invalid event"), (hidden.Status, (string?)hidden.Body!["message"]));
        Assert.Equal(missing.Body!.ToJsonString().Replace("0e0e0e0e-0000-4000-8000-000000000000", EventUuid, StringComparison.Ordinal), hidden.Body!.ToJsonString());
        Assert.Empty(PyMisp.Unwrapped((await PyMisp.SendAsync(client, PyMisp.Requests("02-search-events.json").Single(), bravo)).Body)!.AsArray());
        Assert.Empty(PyMisp.Unwrapped((await PyMisp.SendAsync(client, PyMisp.Requests("03-search-attributes.json").Single(), bravo)).Body)!["Attribute"]!.AsArray());
        var sighting = await PyMisp.SendAsync(client, PyMisp.Requests("07-add-sighting.json").Single(), bravo);
        Assert.StartsWith("Could not add the Sighting", (string?)sighting.Body!["message"], StringComparison.Ordinal);
        var proposal = await PyMisp.SendAsync(client, PyMisp.Requests("06-add-attribute.json").Single(), bravo);
        Assert.Equal(404, proposal.Status);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AddAttribute_ToAnotherOrganisationsEvent_IsRefusedAsMispRefuses_AndTheProposalToo(Store store)
    {
        var (node, alliance, alpha, bravo) = await SeedAsync(store, "1");
        await using var _n = node;
        using var _a = alliance;
        using var client = node.CreateClient();
        var add = PyMisp.Requests("06-add-attribute.json").Single();

        var refused = await PyMisp.SendAsync(client, add, bravo);
        Assert.Equal((403, "You do not have permission to do that."), (refused.Status, (string?)refused.Body!["message"]));
        var proposal = await PyMisp.SendAsync(client, add, bravo, pathOverride: $"/shadowAttributes/add/{EventUuid}");
        Assert.Equal((403, "proposals-unsupported"), (proposal.Status, (string?)proposal.Body!["rule"]));
        Assert.NotEqual("You do not have permission to do that.", (string?)proposal.Body!["message"]);
        var seen = await PyMisp.SendAsync(client, PyMisp.Requests("04-get-event.json").Single(), bravo);
        Assert.Equal(2, seen.Body!["Event"]!["Attribute"]!.AsArray().Count);

        var duplicate = await PyMisp.SendAsync(client, add, alpha, bodyOverride: """{"type": "ip-dst", "value": "203.0.113.10"}""");
        Assert.Equal((403, "Could not add Attribute"), (duplicate.Status, (string?)duplicate.Body!["message"]));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Search_Filters_NarrowAsMispDoes(Store store)
    {
        var (node, alliance, alpha, _) = await SeedAsync(store, "1");
        await using var _n = node;
        using var _a = alliance;
        using var client = node.CreateClient();
        var search = PyMisp.Requests("03-search-attributes.json").Single();
        async Task<int> CountAsync(string filters) =>
            PyMisp.Unwrapped((await PyMisp.SendAsync(client, search, alpha, bodyOverride: filters)).Body)!["Attribute"]!.AsArray().Count;

        Assert.Equal(2, await CountAsync("""{"returnFormat": "json"}"""));
        Assert.Equal(1, await CountAsync("""{"value": "bad.example.com"}"""));
        Assert.Equal(1, await CountAsync("""{"type": "ip-dst", "to_ids": true}"""));
        Assert.Equal(0, await CountAsync("""{"to_ids": false}"""));
        Assert.Equal(2, await CountAsync("""{"tags": ["tlp:green"], "published": true, "publish_timestamp": "7d"}"""));
        Assert.Equal(0, await CountAsync("""{"tags": ["tlp:red"]}"""));
        Assert.Equal(0, await CountAsync("""{"published": false}"""));
        var invalid = await PyMisp.SendAsync(client, search, alpha, bodyOverride: """{"publish_timestamp": "seven days"}""");
        Assert.Equal((400, "publish_timestamp"), (invalid.Status, (string?)invalid.Body!["field"]));
    }
}
