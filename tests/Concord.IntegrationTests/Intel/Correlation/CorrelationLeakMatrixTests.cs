using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel.Correlation;

/// <summary>
/// The leak matrix for correlation: owner × reader × TLP (all five) × scope (every valid one) × every correlation
/// endpoint (one value, a list, an object's correlations). Each cell's value is also reported by a witness
/// organisation (GREEN, alliance) so every reader has something to correlate from. Expected visibility is written
/// out from DESIGN.md, not computed by the component under test; where the reader may not read the owner's object,
/// neither its id nor the owner's organisation id may appear anywhere in the response.
/// </summary>
public class CorrelationLeakMatrixTests
{
    private const string Owner = "Owner";
    private const string Recipient = "Recipient";
    private const string Grouped = "Grouped";
    private const string Other = "Other";
    private const string Witness = "Witness";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryCorrelationEndpoint_ForEveryReaderTlpAndScope_ShowsExactlyWhatDistributionAllows(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, Owner, Recipient, Grouped, Other, Witness);
        var group = await alliance.CreateSharingGroupAsync(Owner, "Tiger team", Grouped);
        var owner = await alliance.ClientAsync(Owner, Role.Analyst);
        var witness = await alliance.ClientAsync(Witness, Role.Analyst);
        var readers = new Dictionary<string, HttpClient>
        {
            [Owner] = await alliance.ClientAsync(Owner, Role.ReadOnly),
            [Recipient] = await alliance.ClientAsync(Recipient, Role.ReadOnly),
            [Grouped] = await alliance.ClientAsync(Grouped, Role.ReadOnly),
            [Other] = await alliance.ClientAsync(Other, Role.NodeAdmin),
        };

        var cells = new List<(string Value, string OwnedId, string WitnessId, Scope Scope, string Name)>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var scope in Enum.GetValues<Scope>().Where(s => s <= Distribution.MaxScope(tlp)))
            {
                var value = $"leak-{(int)tlp}-{(int)scope}.example";
                var owned = CorrelationHttp.IndicatorFor("domain-name:value", value);
                var query = $"tlp={Uri.EscapeDataString(Distribution.Label(tlp))}&scope={Distribution.Name(scope)}"
                    + (scope == Scope.Recipients ? $"&recipients={alliance.OrgId(Recipient)}" : string.Empty)
                    + (scope == Scope.SharingGroup ? $"&sharing_group={group}" : string.Empty);
                await owner.ImportOkAsync(query, owned);
                var seen = CorrelationHttp.IndicatorFor("domain-name:value", value);
                await witness.ImportOkAsync("tlp=green&scope=alliance", seen);
                cells.Add((value, owned.Id(), seen.Id(), scope, $"{tlp}/{scope}"));
            }
        }

        Assert.Equal(19, cells.Count);
        var failures = new List<string>();
        var ownerOrg = alliance.OrgId(Owner).ToString();
        foreach (var (reader, client) in readers)
        {
            var bulk = await client.LookupJsonAsync([.. cells.Select(c => c.Value)]);
            for (var i = 0; i < cells.Count; i++)
            {
                var (value, ownedId, witnessId, scope, name) = cells[i];
                var expected = MayRead(reader, scope);
                var cell = $"{reader} reading {name}";

                using var single = await client.GetAsync($"/api/v1/correlation?value={Uri.EscapeDataString(value)}", Ct);
                var singleText = await single.Content.ReadAsStringAsync(Ct);
                Check(failures, $"{cell} GET correlation", expected, single.StatusCode == HttpStatusCode.OK, singleText, ownedId, ownerOrg, witnessId);

                var listed = bulk.GetProperty("values")[i];
                Check(failures, $"{cell} POST lookup", expected, true, listed.Raw(), ownedId, ownerOrg, witnessId);

                using var forObject = await client.GetAsync($"/api/v1/objects/{witnessId}/correlations", Ct);
                var objectText = await forObject.Content.ReadAsStringAsync(Ct);
                Check(failures, $"{cell} object correlations", expected, forObject.StatusCode == HttpStatusCode.OK, objectText, ownedId, ownerOrg, null);
            }
        }

        var anonymous = alliance.Anonymous();
        foreach (var url in new[] { "/api/v1/correlation?value=leak-0-0.example", $"/api/v1/objects/{cells[0].WitnessId}/correlations" })
        {
            using var response = await anonymous.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var anonymousLookup = await anonymous.LookupAsync(["leak-0-0.example"]);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousLookup.StatusCode);
        Assert.Empty(failures);
    }

    /// <summary>DESIGN.md, "Who may see what", for the owner, a named recipient, a sharing-group member and anyone else.</summary>
    private static bool MayRead(string reader, Scope scope) => reader switch
    {
        Owner => true,
        Recipient => scope == Scope.Recipients || scope >= Scope.Alliance,
        Grouped => scope == Scope.SharingGroup || scope >= Scope.Alliance,
        _ => scope >= Scope.Alliance,
    };

    private static void Check(List<string> failures, string cell, bool expected, bool ok, string body, string ownedId, string ownerOrg, string? witnessId)
    {
        if (!ok)
        {
            failures.Add($"{cell}: request failed: {body}");
            return;
        }

        var shown = body.Contains(ownedId, StringComparison.Ordinal);
        var ownerNamed = body.Contains(ownerOrg, StringComparison.Ordinal);
        if (shown != expected || ownerNamed != expected)
        {
            failures.Add($"{cell}: expected {(expected ? "visible" : "hidden")}, object {(shown ? "shown" : "absent")}, owner {(ownerNamed ? "named" : "absent")}");
        }

        if (witnessId is not null && !body.Contains(witnessId, StringComparison.Ordinal))
        {
            failures.Add($"{cell}: the witness's visible object is missing");
        }

        if (body.Contains("\"common\":true", StringComparison.Ordinal))
        {
            failures.Add($"{cell}: reported common");
        }
    }
}
