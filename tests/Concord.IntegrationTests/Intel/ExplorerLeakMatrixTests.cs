using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// The leak matrix for what the object page reads around an object: a hub every member sees, linked both ways to
/// neighbours of every valid TLP × scope. Each reader's links must hold exactly the neighbours DESIGN.md lets it
/// read (expectations written out, not computed by Visibility); a neighbour's own links, diff and use as a note's
/// reference answer "not found" when hidden.
/// </summary>
public class ExplorerLeakMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task LinksDiffsAndReferences_ForEveryReaderTlpAndScope_ShowExactlyWhatDistributionAllows(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var (ownerOrg, recipientOrg, groupedOrg, otherOrg) = (h.Directory.AddOrganisation(), h.Directory.AddOrganisation(), h.Directory.AddOrganisation(), h.Directory.AddOrganisation());
        var group = h.Directory.AddAudience(ownerOrg, groupedOrg);
        var recipients = (await h.Directory.ResolveRecipientsAsync(ownerOrg, [recipientOrg], Ct)).Value;
        var owner = IntelHarness.Member(ownerOrg);
        var readers = new Dictionary<string, Principal>
        {
            ["owner"] = owner,
            ["recipient"] = IntelHarness.Member(recipientOrg, Role.Analyst, recipients),
            ["grouped"] = IntelHarness.Member(groupedOrg, Role.Analyst, group),
            ["other"] = IntelHarness.Member(otherOrg, Role.NodeAdmin),
            ["anonymous"] = Principal.Anonymous,
        };
        var hub = Bundles.Indicator(tlp: Tlp.Clear, name: "hub");
        var hubId = (string)hub["id"]!;
        await h.ImportAsync(IntelHarness.Member(h.Directory.AddOrganisation()), Bundles.Bundle(hub), new ImportOptions { Scope = Scope.Public });

        var neighbours = new List<(string Target, string Note, Scope Scope, string Cell)>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            foreach (var scope in Enum.GetValues<Scope>().Where(s => s <= Distribution.MaxScope(tlp)))
            {
                var target = Bundles.Indicator(tlp: tlp, name: $"target {tlp}/{scope}");
                var relationship = Marked("relationship", tlp, ("relationship_type", "related-to"), ("source_ref", hubId), ("target_ref", (string)target["id"]!));
                var note = Marked("note", tlp, ("content", $"note {tlp}/{scope}"), ("object_refs", new JsonArray(hubId)));
                var options = new ImportOptions
                {
                    Scope = scope,
                    Recipients = scope == Scope.Recipients ? [recipientOrg] : [],
                    SharingGroupId = scope == Scope.SharingGroup ? group : null,
                };
                Assert.Equal(3, (await h.ImportAsync(owner, Bundles.Bundle(target, relationship, note), options)).Stored);
                neighbours.Add(((string)target["id"]!, (string)note["id"]!, scope, $"{tlp}/{scope}"));
            }
        }

        var failures = new List<string>();
        foreach (var (reader, principal) in readers)
        {
            var links = (await h.Explorer.LinksAsync(principal, hubId, Ct)).Value!.Links;
            foreach (var (target, note, scope, cell) in neighbours)
            {
                var expected = MayRead(reader, scope);
                Check(failures, $"{reader} {cell} relationship", expected, links.Any(l => l.Other.Id == target && l.Kind == "related-to"));
                Check(failures, $"{reader} {cell} note", expected, links.Any(l => l.Other.Id == note && l.Kind == "object_refs"));
                Check(failures, $"{reader} {cell} links", expected, (await h.Explorer.LinksAsync(principal, target, Ct)).IsSuccess);
                Check(failures, $"{reader} {cell} diff", expected, (await h.Explorer.DiffAsync(principal, target, null, null, Ct)).IsSuccess);
                if (principal.HasRole(Role.Analyst))
                {
                    var draft = new NoteDraft { Content = "about it", ObjectRefs = [target], Tlp = Tlp.Red, Scope = Scope.Owner };
                    Check(failures, $"{reader} {cell} note refers", expected, (await h.Authoring.SaveAsync(principal, draft, Ct)).IsSuccess);
                }
            }
        }

        Assert.Equal(19, neighbours.Count);
        Assert.Empty(failures);
    }

    /// <summary>DESIGN.md, "Who may see what", for the owner, a named recipient, a sharing-group member and anyone else.</summary>
    private static bool MayRead(string reader, Scope scope) => reader switch
    {
        "owner" => true,
        "recipient" => scope == Scope.Recipients || scope >= Scope.Alliance,
        "grouped" => scope == Scope.SharingGroup || scope >= Scope.Alliance,
        "other" => scope >= Scope.Alliance,
        _ => scope == Scope.Public,
    };

    private static JsonObject Marked(string type, Tlp tlp, params (string Name, JsonNode Value)[] properties)
    {
        var o = new JsonObject
        {
            ["type"] = type, ["spec_version"] = "2.1", ["id"] = Bundles.NewId(type),
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
        foreach (var (name, value) in properties)
        {
            o[name] = value;
        }

        return o;
    }

    private static void Check(List<string> failures, string cell, bool expected, bool actual)
    {
        if (expected != actual)
        {
            failures.Add($"{cell}: expected {(expected ? "visible" : "hidden")}, was {(actual ? "visible" : "hidden")}");
        }
    }
}
