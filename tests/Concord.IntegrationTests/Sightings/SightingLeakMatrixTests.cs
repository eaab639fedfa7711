using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.Stix;

namespace Concord.IntegrationTests.Sightings;

/// <summary>
/// The leak matrix extended to sightings: for every TLP × scope of a sighting (each valid combination) of an
/// indicator every member reads, each reader sees the sighting in the list — and in the totals — exactly when
/// distribution allows; the shared score moves only for the sightings every reader of the indicator may read, so
/// every reader sees the same score whatever the hidden sightings say. Expectations are written out from DESIGN.md.
/// </summary>
public class SightingLeakMatrixTests
{
    private const string Owner = "Owner";
    private const string Recipient = "Recipient";
    private const string Grouped = "Grouped";
    private const string Other = "Other";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SightingsOfEveryTlpAndScope_AreListedAndCountedForExactlyTheirReaders_AndMoveTheScoreOnlyWhenAllMayRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, Owner, Recipient, Grouped, Other);
        var group = await alliance.CreateSharingGroupAsync(Owner, "Tiger team", Grouped);
        var reporter = await alliance.ClientAsync(Owner, Role.Analyst);
        var readers = new Dictionary<string, HttpClient>
        {
            [Owner] = await alliance.ClientAsync(Owner, Role.ReadOnly),
            [Recipient] = await alliance.ClientAsync(Recipient, Role.ReadOnly),
            [Grouped] = await alliance.ClientAsync(Grouped, Role.ReadOnly),
            [Other] = await alliance.ClientAsync(Other, Role.NodeAdmin),
        };

        // One GREEN indicator every member reads, published by a fourth party so the owner's sightings are "another's".
        var publisher = await alliance.ClientAsync(Other, Role.Analyst);
        var failures = new List<string>();
        var cells = new List<(string Id, string Indicator, Tlp Tlp, Scope Scope)>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var scope in Enum.GetValues<Scope>().Where(s => s <= Distribution.MaxScope(tlp)))
            {
                var indicator = SightingHttp.Indicator(confidence: 100);
                await publisher.ImportAsync(indicator, "tlp=green&scope=alliance");
                var body = new Dictionary<string, object?>
                {
                    ["sighting_of"] = indicator.Id(),
                    ["kind"] = "false-positive",
                    ["count"] = 5,
                    ["tlp"] = Distribution.Label(tlp).ToLowerInvariant(),
                    ["scope"] = Distribution.Name(scope),
                };
                if (scope == Scope.Recipients)
                {
                    body["recipients"] = new[] { alliance.OrgId(Recipient) };
                }

                if (scope == Scope.SharingGroup)
                {
                    body["sharing_group"] = group;
                }

                cells.Add((await reporter.SightOkAsync(body), indicator.Id(), tlp, scope));
            }
        }

        Assert.Equal(19, cells.Count);
        foreach (var (id, indicator, tlp, scope) in cells)
        {
            // A false positive halves the score (80 → 40) only when every member may read it: GREEN or CLEAR to the alliance or wider.
            var everyone = scope >= Scope.Alliance;
            foreach (var (reader, client) in readers)
            {
                var cell = $"{reader} reading a {tlp}/{scope} false positive";
                var expected = MayRead(reader, scope);
                var list = await client.SightingsAsync(indicator);
                var listed = list.GetProperty("sightings").EnumerateArray().Any(s => s.GetProperty("id").GetString() == id);
                Check(failures, $"{cell}: listed", expected, listed);
                Check(failures, $"{cell}: counted", expected, list.GetProperty("totals").GetProperty("false_positives").GetInt64() == 5);
                using var read = await client.GetAsync($"/api/v1/objects/{id}", Ct);
                Check(failures, $"{cell}: readable", expected, read.StatusCode == HttpStatusCode.OK);
                var score = await client.ScoreAsync(indicator);
                if (Math.Abs(score!.Value - (everyone ? 40 : 80)) > 0.051)
                {
                    failures.Add($"{cell}: score {score}, expected {(everyone ? 40 : 80)}");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>DESIGN.md, "Who may see what", for the reporting owner, a named recipient, a sharing-group member and anyone else.</summary>
    private static bool MayRead(string reader, Scope scope) => reader switch
    {
        Owner => true,
        Recipient => scope == Scope.Recipients || scope >= Scope.Alliance,
        Grouped => scope == Scope.SharingGroup || scope >= Scope.Alliance,
        _ => scope >= Scope.Alliance,
    };

    private static void Check(List<string> failures, string cell, bool expected, bool actual)
    {
        if (expected != actual)
        {
            failures.Add($"{cell}: expected {expected}, was {actual}");
        }
    }
}
