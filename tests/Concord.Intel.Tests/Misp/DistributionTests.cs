using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Misp;
using Concord.Stix;

namespace Concord.Intel.Tests.Misp;

/// <summary>
/// MISP's distribution as Concord's scope (the table in docs/misp-import.md): the narrowest of event, object and
/// attribute; a sharing group only when the importer shares in a local group with its uuid; never wider than the TLP.
/// </summary>
public class DistributionTests
{
    private static readonly Guid LocalGroup = Guid.Parse("6c1f0d6e-1b0a-4c55-9f3e-0d9a1b2c3d4e");
    private static readonly Guid Audience = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");

    [Theory]
    [InlineData("0", "5", Scope.Owner)]
    [InlineData("1", "5", Scope.Alliance)]
    [InlineData("2", "5", Scope.ConnectedNodes)]
    [InlineData("3", "5", Scope.Public)]
    [InlineData("3", "1", Scope.Alliance)]
    [InlineData("1", "3", Scope.Alliance)]
    [InlineData("2", "0", Scope.Owner)]
    public async Task Source_EventAndAttributeDistribution_AskForTheNarrowerScope(string @event, string attribute, Scope expected)
    {
        var misp = MispEvents.Attribute("domain", "evil.example");
        misp["distribution"] = attribute;

        var hints = await HintsAsync(MispEvents.Event([misp], distribution: @event));

        Assert.All(hints, h => Assert.Equal(expected, h!.Value.Scope));
    }

    [Fact]
    public async Task Source_SharingGroupTheImporterHas_IsThatGroup_AnyOtherTheOwnerOnly()
    {
        var known = MispEvents.Event([MispEvents.Attribute("domain", "a.example")], distribution: "4");
        known["SharingGroup"] = new JsonObject { ["uuid"] = LocalGroup.ToString(), ["name"] = "CSIRT network" };
        var unknown = MispEvents.Event([MispEvents.Attribute("domain", "b.example")], distribution: "4");
        unknown["SharingGroup"] = new JsonObject { ["uuid"] = Guid.NewGuid().ToString(), ["name"] = "Somewhere else" };

        Assert.All(await HintsAsync(known), h => Assert.Equal(new ScopeHint(Scope.SharingGroup, Audience), h));
        Assert.All(await HintsAsync(unknown), h => Assert.Equal(new ScopeHint(Scope.Owner), h));
    }

    [Fact]
    public async Task Source_AttributeNarrowerThanItsEvent_IsLeftOutOfTheReport_AndItsClusterSharedNoWider()
    {
        var hidden = MispEvents.Attribute("domain", "internal.example");
        hidden["distribution"] = "0";
        hidden["Galaxy"] = new JsonArray(new JsonObject
        {
            ["name"] = "Threat Actor",
            ["type"] = "threat-actor",
            ["GalaxyCluster"] = new JsonArray(new JsonObject { ["uuid"] = "7cdff317-a673-4474-84ec-4f1754947823", ["type"] = "threat-actor", ["value"] = "Turla Group" }),
        });
        var shared = MispEvents.Attribute("domain", "public.example");
        var entries = await EntriesAsync(MispEvents.Event([hidden, shared], distribution: "1"));

        var grouping = entries.Single(e => Id(e) == $"grouping--{MispEvents.EventUuid}");
        var refs = JsonDocument.Parse(grouping.Json).RootElement.Strings("object_refs");
        Assert.Contains($"observed-data--{shared["uuid"]}", refs);
        Assert.DoesNotContain(refs, r => r.EndsWith(hidden["uuid"]!.GetValue<string>(), StringComparison.Ordinal) || r.StartsWith("threat-actor--", StringComparison.Ordinal));
        Assert.Equal(new ScopeHint(Scope.Owner), entries.Single(e => Id(e) == $"observed-data--{hidden["uuid"]}").Scope);
        Assert.Equal(new ScopeHint(Scope.Owner), entries.Single(e => Id(e) == "threat-actor--7cdff317-a673-4474-84ec-4f1754947823").Scope);
        Assert.Equal(new ScopeHint(Scope.Alliance), grouping.Scope);
    }

    [Fact]
    public async Task Source_ReferenceToAnObjectSharedNarrower_IsSharedNoWiderThanIt()
    {
        var hidden = MispEvents.Object("av-signature", "misc", MispEvents.Attribute("text", "Internal/Name", category: "Antivirus detection").Related("signature"));
        hidden["distribution"] = "0";
        var file = MispEvents.Object("file", "file", MispEvents.Attribute("filename", "evil.exe", category: "Payload delivery").Related("filename"));
        var reference = MispEvents.Uuid();
        file["ObjectReference"] = new JsonArray(new JsonObject { ["uuid"] = reference, ["referenced_uuid"] = hidden["uuid"]!.GetValue<string>(), ["relationship_type"] = "detected-as" });

        var entries = await EntriesAsync(MispEvents.Event(objects: [file, hidden], distribution: "1"));

        Assert.Equal(new ScopeHint(Scope.Owner), entries.Single(e => Id(e) == $"relationship--{reference}").Scope);
        Assert.Equal(new ScopeHint(Scope.Alliance), entries.Single(e => Id(e) == $"observed-data--{file["uuid"]}").Scope);
        var refs = JsonDocument.Parse(entries.Single(e => Id(e) == $"grouping--{MispEvents.EventUuid}").Json).RootElement.Strings("object_refs");
        Assert.DoesNotContain($"relationship--{reference}", refs);
    }

    [Fact]
    public async Task Source_CountsWhatItReadAcrossEvents()
    {
        var json = $"[{MispEvents.Wrapped(MispEvents.Event([MispEvents.Attribute("domain", "a.example")]))},{MispEvents.Wrapped(MispEvents.Event([MispEvents.Attribute("domain", "b.example")]))}]";
        var source = new MispSource(new MemoryStream(Encoding.UTF8.GetBytes(json)), Services());

        await foreach (var _ in source.ReadAsync(TestContext.Current.CancellationToken))
        {
        }

        Assert.Equal((2, 2), (source.Misp!.Events, source.Misp.Attributes));
    }

    [Theory]
    [InlineData(Scope.Public, Tlp.Clear, Scope.Public)]
    [InlineData(Scope.Public, Tlp.Green, Scope.ConnectedNodes)]
    [InlineData(Scope.ConnectedNodes, Tlp.Green, Scope.ConnectedNodes)]
    [InlineData(Scope.Alliance, Tlp.Amber, Scope.Owner)]
    [InlineData(Scope.Public, Tlp.Red, Scope.Owner)]
    [InlineData(Scope.Owner, Tlp.Clear, Scope.Owner)]
    public void Plan_SourceScopeWiderThanTlp_IsNarrowedNotRefused(Scope asked, Tlp tlp, Scope expected)
    {
        var plan = new DistributionPlan(Guid.NewGuid(), Tlp.Amber, null, null);

        var (_, scope, audience, error) = plan.For(tlp, new ScopeHint(asked));

        Assert.Equal((expected, (Guid?)null, (Concord.Platform.Error?)null), (scope, audience, error));
    }

    [Fact]
    public void Plan_RequestedScope_WinsOverTheSourcesAndIsCheckedAsAlways()
    {
        var plan = new DistributionPlan(Guid.NewGuid(), Tlp.Amber, Scope.Public, null);

        Assert.Equal(Scope.Public, plan.For(Tlp.Clear, new ScopeHint(Scope.Owner)).Scope);
        Assert.Equal("scope-wider-than-tlp", plan.For(Tlp.Green, new ScopeHint(Scope.Owner)).Error?.Rule);
    }

    private static async Task<List<IngestEntry>> EntriesAsync(JsonObject @event)
    {
        var source = new MispSource(new MemoryStream(Encoding.UTF8.GetBytes(MispEvents.Wrapped(@event))), Services());
        var entries = new List<IngestEntry>();
        await foreach (var entry in source.ReadAsync(TestContext.Current.CancellationToken))
        {
            Assert.Null(entry.Rejection);
            entries.Add(entry);
        }

        return entries;
    }

    private static string Id(IngestEntry entry) => JsonDocument.Parse(entry.Json).RootElement.Text("id");

    /// <summary>The scopes asked for the objects made from the event's attributes.</summary>
    private static async Task<List<ScopeHint?>> HintsAsync(JsonObject @event)
    {
        var source = new MispSource(new MemoryStream(Encoding.UTF8.GetBytes(MispEvents.Wrapped(@event))), Services());
        var hints = new List<ScopeHint?>();
        await foreach (var entry in source.ReadAsync(TestContext.Current.CancellationToken))
        {
            Assert.Null(entry.Rejection);
            if (entry.Origin!.Path.Contains(".Attribute[", StringComparison.Ordinal))
            {
                hints.Add(entry.Scope);
            }
        }

        Assert.NotEmpty(hints);
        return hints;
    }

    private static MispSourceServices Services() =>
        new((group, _) => Task.FromResult<Guid?>(group == LocalGroup ? Audience : null), TimeProvider.System);
}
