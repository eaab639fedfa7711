using System.Net;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>
/// The leak matrix over every TAXII read endpoint: owner x reader x TLP (all five) x scope (every scope the TLP
/// allows). The expected visibility is written out here independently of the visibility component, and a hidden
/// object must answer 404 (never 403) and never appear in a list, a manifest or a version list.
/// </summary>
public class TaxiiLeakMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Case(Tlp Tlp, Scope Scope, string Id);

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryTaxiiReadEndpoint_ShowsExactlyWhatEachReaderMaySee(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?> { ["Concord:Access:AllowAnonymousPublicReads"] = "true" }, "Alpha", "Bravo", "Charlie");
        var group = await h.Members.CreateSharingGroupAsync("Alpha", "Tiger team", "Bravo");
        var cases = await SeedEveryAllowedCombinationAsync(h, group);
        Assert.Equal(19 + 5, cases.Count);

        var readers = new (string Name, HttpClient Client)[]
        {
            ("Alpha", await h.ClientAsync("Alpha", Role.ReadOnly)),
            ("Bravo", await h.ClientAsync("Bravo", Role.ReadOnly)),
            ("Charlie", await h.ClientAsync("Charlie", Role.ReadOnly)),
            ("anonymous", h.Anonymous()),
            ("peer", await h.Members.PeerClientAsync()),
        };

        foreach (var (reader, client) in readers)
        {
            foreach (var collection in new[] { All, Alliance, Public })
            {
                // Anonymous readers get the public collection only; a peer node every collection not limited to this
                // node's alliance (the alliance collection holds nothing a peer may read).
                var readable = reader switch
                {
                    "anonymous" => collection == Public,
                    "peer" => collection != Alliance,
                    _ => true,
                };
                if (!readable)
                {
                    foreach (var path in new[] { "", "objects/", "manifest/", $"objects/{cases[0].Id}/", $"objects/{cases[0].Id}/versions/" })
                    {
                        await AssertErrorAsync(await client.GetAsync(collection + path, Ct), 404);
                    }

                    continue;
                }

                var listed = Ids(await JsonAsync(await client.GetAsync(collection + "objects/?match[version]=all", Ct)));
                Assert.Equal(listed, await WalkAsync(client, collection + "objects/?match[version]=all&limit=3"));
                using var manifestResponse = await client.GetAsync(collection + "manifest/", Ct);
                var manifest = Ids(await JsonAsync(manifestResponse));
                foreach (var c in cases)
                {
                    var expected = Expected(reader, c) && InView(collection, c);
                    var what = $"{reader} reading {c.Tlp}/{c.Scope} in {collection}";
                    Assert.True(expected == listed.Contains(c.Id), what + " (objects)");
                    Assert.True(expected == manifest.Contains(c.Id), what + " (manifest)");
                    using var byId = await client.GetAsync(collection + $"objects/{c.Id}/", Ct);
                    using var versions = await client.GetAsync(collection + $"objects/{c.Id}/versions/", Ct);
                    Assert.True((expected ? HttpStatusCode.OK : HttpStatusCode.NotFound) == byId.StatusCode, what + " (object)");
                    Assert.True((expected ? HttpStatusCode.OK : HttpStatusCode.NotFound) == versions.StatusCode, what + " (versions)");
                    var filtered = Ids(await JsonAsync(await client.GetAsync(collection + $"objects/?match[id]={c.Id}", Ct)));
                    Assert.True(expected == filtered.Contains(c.Id), what + " (match[id])");
                }
            }
        }

        // A next token opens for its own reader only: any other reader, the peer node and anonymous get 400.
        var ownerNext = (await JsonAsync(await readers[0].Client.GetAsync(All + "objects/?limit=1", Ct)))["next"]!.GetValue<string>();
        foreach (var (reader, client) in readers.Skip(1).Where(r => r.Name != "anonymous"))
        {
            await AssertErrorAsync(await client.GetAsync(All + "objects/?limit=1&next=" + Uri.EscapeDataString(ownerNext), Ct), 400);
        }

        var publicNext = (await JsonAsync(await readers[0].Client.GetAsync(Public + "objects/?match[version]=all&limit=1", Ct)))["next"]!.GetValue<string>();
        await AssertErrorAsync(await readers.Single(r => r.Name == "anonymous").Client.GetAsync(Public + "objects/?match[version]=all&limit=1&next=" + Uri.EscapeDataString(publicNext), Ct), 400);

        // Delete: an analyst of another organisation learns nothing more than reading tells: 403 for what it may
        // read (only the owner deletes), 404 for what it may not; nothing is deleted either way.
        foreach (var reader in new[] { "Bravo", "Charlie" })
        {
            var analyst = await h.ClientAsync(reader, Role.Analyst);
            foreach (var c in cases)
            {
                using var response = await analyst.DeleteAsync(All + $"objects/{c.Id}/", Ct);
                var expected = Expected(reader, c) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
                Assert.True(expected == response.StatusCode, $"{reader} deleting {c.Tlp}/{c.Scope}: {response.StatusCode}");
            }
        }

        // A peer node reads; it never writes or deletes (403 on a collection it may read, whatever the object).
        var peer = readers.Single(r => r.Name == "peer").Client;
        foreach (var c in cases)
        {
            await AssertErrorAsync(await peer.DeleteAsync(All + $"objects/{c.Id}/", Ct), 403);
        }

        await AssertErrorAsync(await peer.PostAsync(All + "objects/", Envelope(Indicator(tlp: Tlp.Green)), Ct), 403);
        await AssertErrorAsync(await peer.DeleteAsync(Alliance + $"objects/{cases[0].Id}/", Ct), 404);

        var owner = await h.ClientAsync("Alpha", Role.ReadOnly);
        Assert.Equal(cases.Count, Ids(await JsonAsync(await owner.GetAsync(All + "objects/", Ct))).Count);
    }

    /// <summary>Every id, following <c>next</c> page by page.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient client, string url)
    {
        var ids = new List<string>();
        var next = url;
        while (true)
        {
            var envelope = await JsonAsync(await client.GetAsync(next, Ct));
            ids.AddRange(Ids(envelope));
            if (envelope["more"]?.GetValue<bool>() != true)
            {
                return ids;
            }

            next = url + "&next=" + Uri.EscapeDataString(envelope["next"]!.GetValue<string>());
        }
    }

    /// <summary>
    /// The rules of DESIGN.md "Who may see what", spelled out for this alliance (Bravo is a recipient and in the group;
    /// the peer node reads what was shared with connected nodes or the public, GREEN or CLEAR).
    /// </summary>
    private static bool Expected(string reader, Case c) => reader switch
    {
        "Alpha" => true,
        "Bravo" => c.Scope is Scope.Recipients or Scope.SharingGroup or >= Scope.Alliance,
        "Charlie" => c.Scope >= Scope.Alliance,
        "peer" => c.Scope >= Scope.ConnectedNodes && c.Tlp <= Tlp.Green,
        _ => c.Scope == Scope.Public && c.Tlp == Tlp.Clear,
    };

    private static bool InView(string collection, Case c) => collection switch
    {
        Alliance => c.Scope == Scope.Alliance,
        Public => c.Scope == Scope.Public,
        _ => true,
    };

    private static async Task<List<Case>> SeedEveryAllowedCombinationAsync(TaxiiHarness h, Guid group)
    {
        var cases = new List<Case>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var scope in Enum.GetValues<Scope>().Where(s => s <= Distribution.MaxScope(tlp)))
            {
                var indicator = Indicator(tlp: tlp, name: $"{tlp} {scope}");
                var options = new ImportOptions
                {
                    Scope = scope,
                    Recipients = scope == Scope.Recipients ? [h.Members.OrgId("Bravo")] : [],
                    SharingGroupId = scope == Scope.SharingGroup ? group : null,
                };

                // Two versions, so the versions endpoint and match[version]=all are exercised too.
                var second = Indicator(indicator["id"]!.GetValue<string>(), "2026-01-02T00:00:00.000Z", tlp, name: $"{tlp} {scope} v2");
                await h.SeedAsync("Alpha", options, indicator, second);
                cases.Add(new Case(tlp, scope, indicator["id"]!.GetValue<string>()));
            }

            // Marked CLEAR as a whole, its description marked with this TLP: an object of this TLP, with its narrow default scope.
            var granular = Intel.GranularMarkingTests.ClearWithMarkedDescription(tlp, $"granular {tlp}");
            await h.SeedAsync("Alpha", new ImportOptions(), granular);
            cases.Add(new Case(tlp, tlp <= Tlp.Green ? Scope.Alliance : Scope.Owner, granular["id"]!.GetValue<string>()));
        }

        return cases;
    }
}
