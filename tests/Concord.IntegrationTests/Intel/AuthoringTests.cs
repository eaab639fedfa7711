using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.IntegrationTests.Intel;

public class AuthoringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IndicatorDraft Indicator(Tlp tlp = Tlp.Green, string pattern = "[ipv4-addr:value = '203.0.113.9']") => new()
    {
        Name = "C2 server", Description = "Seen in phishing follow-up — Zürich.", Pattern = pattern, ValidFrom = "2026-11-01T00:00:00Z",
        Labels = ["c2", "phishing"], Tlp = tlp,
    };

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Save_NewIndicator_StoresItMarkedWithItsTlpAndTheImportDefaultScope(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var author = IntelHarness.Member(h.Directory.AddOrganisation());

        var outcome = await h.Authoring.SaveAsync(author, Indicator(), Ct);

        Assert.True(outcome.IsSuccess, string.Join("; ", outcome.Issues.Select(i => i.Message)) + outcome.Failure?.Message);
        var saved = outcome.Saved!;
        Assert.Equal((Tlp.Green, Scope.Alliance, author.OrganisationId), (saved.Tlp, saved.Scope, (Guid?)saved.OwnerOrgId));
        var json = JsonNode.Parse(saved.Json.Span)!;
        Assert.Equal("[ipv4-addr:value = '203.0.113.9']", (string?)json["pattern"]);
        Assert.Equal("stix", (string?)json["pattern_type"]);
        Assert.Equal(TlpMarkings.GreenId, (string?)json["object_marking_refs"]![0]);
        Assert.Equal(["c2", "phishing"], json["labels"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(saved.Id, (await h.Store.GetAsync(author, saved.Id, null, Ct)).Value!.Id);
        Assert.Contains("follow-up — Zürich", System.Text.Encoding.UTF8.GetString(saved.Json.Span), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Save_IndicatorWithABadPattern_NamesThePatternFieldAndStoresNothing(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var author = IntelHarness.Member(h.Directory.AddOrganisation());

        var outcome = await h.Authoring.SaveAsync(author, Indicator(pattern: "[ipv4-addr:value = '203.0.113.9'"), Ct);

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(("pattern", "pattern-syntax"), (issue.Field, issue.Rule));
        Assert.Contains("column", issue.Message, StringComparison.Ordinal);
        Assert.Empty((await h.Store.QueryAsync(author, new ObjectQuery(), Ct)).Items);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Save_ScopeWiderThanTheTlpAllows_NamesTheScopeFieldAndStoresNothing(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var author = IntelHarness.Member(h.Directory.AddOrganisation());

        var outcome = await h.Authoring.SaveAsync(author, Indicator(Tlp.Red) with { Scope = Scope.Alliance }, Ct);

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(("scope", "scope-wider-than-tlp"), (issue.Field, issue.Rule));
        Assert.Empty((await h.Store.QueryAsync(author, new ObjectQuery(), Ct)).Items);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Save_EditOfTheOwnersIndicator_AddsAVersionThatKeepsPropertiesTheFormDoesNotShow(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var author = IntelHarness.Member(h.Directory.AddOrganisation());
        var imported = Bundles.Indicator(tlp: Tlp.Green);
        var id = (string)imported["id"]!;
        await h.ImportAsync(author, Bundles.Bundle(imported));

        var draft = (IndicatorDraft)(await h.Authoring.DraftAsync(author, id, Ct)).Value!;
        var outcome = await h.Authoring.SaveAsync(author, draft with { Name = "Bad IP, confirmed", Tlp = Tlp.Amber, Scope = null }, Ct);

        Assert.True(outcome.IsSuccess);
        var versions = (await h.Store.VersionsAsync(author, id, Ct)).Value!;
        Assert.Equal(2, versions.Count);
        var latest = JsonNode.Parse(versions[^1].Json.Span)!;
        Assert.Equal("Bad IP, confirmed", (string?)latest["name"]);
        Assert.Equal(1.50, latest["x_custom"]!["kept"]!.GetValue<double>());
        Assert.Equal("2026-01-01T00:00:00.000Z", (string?)latest["created"]);
        Assert.Equal([TlpMarkings.AmberId], latest["object_marking_refs"]!.AsArray().Select(m => (string)m!));
        Assert.Equal((Tlp.Amber, Scope.Owner), (versions[^1].Tlp, versions[^1].Scope));
        Assert.Equal(("Bad IP", "[ipv4-addr:value = '198.51.100.7']"), (draft.Name, draft.Pattern));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Save_EditByAnotherOrganisation_IsForbiddenWhenVisibleAndNotFoundWhenHidden(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var other = IntelHarness.Member(h.Directory.AddOrganisation());
        var shared = Bundles.Indicator(tlp: Tlp.Green);
        var hidden = Bundles.Indicator(tlp: Tlp.Amber);
        await h.ImportAsync(owner, Bundles.Bundle(shared, hidden));

        var onShared = await h.Authoring.SaveAsync(other, Indicator() with { Id = (string)shared["id"]! }, Ct);
        var onHidden = await h.Authoring.SaveAsync(other, Indicator() with { Id = (string)hidden["id"]! }, Ct);
        var draftOfHidden = await h.Authoring.DraftAsync(other, (string)hidden["id"]!, Ct);

        Assert.Equal(ErrorKind.Forbidden, onShared.Failure!.Kind);
        Assert.Equal(ErrorKind.NotFound, onHidden.Failure!.Kind);
        Assert.Equal(ErrorKind.NotFound, draftOfHidden.Error!.Kind);
        Assert.Equal(["2026-01-01T00:00:00.000Z"], (await h.Store.VersionsAsync(owner, (string)shared["id"]!, Ct)).Value!.Select(v => v.Version));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Save_NoteAndReport_ReferToVisibleObjectsAndAHiddenOneReadsAsNotFound(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var shared = Bundles.Indicator(tlp: Tlp.Green);
        var hidden = Bundles.Indicator(tlp: Tlp.Amber);
        await h.ImportAsync(owner, Bundles.Bundle(shared, hidden));
        var sharedId = (string)shared["id"]!;

        var note = await h.Authoring.SaveAsync(reader, new NoteDraft { Content = "We see this too.", ObjectRefs = [sharedId], Tlp = Tlp.Green }, Ct);
        var report = await h.Authoring.SaveAsync(reader, new ReportDraft { Name = "Weekly", Published = "2026-11-20T00:00:00Z", ObjectRefs = [sharedId, note.Saved!.Id], Tlp = Tlp.Green }, Ct);
        var leaking = await h.Authoring.SaveAsync(reader, new NoteDraft { Content = "?", ObjectRefs = [(string)hidden["id"]!], Tlp = Tlp.Green }, Ct);
        var unknownId = Bundles.NewId();
        var unknown = await h.Authoring.SaveAsync(reader, new NoteDraft { Content = "?", ObjectRefs = [unknownId], Tlp = Tlp.Green }, Ct);

        Assert.True(report.IsSuccess);
        Assert.Equal([sharedId, note.Saved.Id], JsonNode.Parse(report.Saved!.Json.Span)!["object_refs"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(new FieldIssue("object_refs", "ref-not-found", $"No object {hidden["id"]} was found."), Assert.Single(leaking.Issues));
        Assert.Equal(new FieldIssue("object_refs", "ref-not-found", $"No object {unknownId} was found."), Assert.Single(unknown.Issues));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Save_DraftsMissingRequiredFields_NameEachField(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var author = IntelHarness.Member(h.Directory.AddOrganisation());

        var indicator = await h.Authoring.SaveAsync(author, new IndicatorDraft { ValidFrom = "yesterday" }, Ct);
        var report = await h.Authoring.SaveAsync(author, new ReportDraft(), Ct);

        Assert.Equal(["name", "pattern", "valid_from"], indicator.Issues.Select(i => i.Field));
        Assert.Equal(["name", "object_refs"], report.Issues.Select(i => i.Field));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Save_AmberIndicatorForASharingGroupOrNamedRecipients_IsReadByThemAndNobodyElse(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var (authorOrg, memberOrg, recipientOrg, otherOrg) = (h.Directory.AddOrganisation(), h.Directory.AddOrganisation(), h.Directory.AddOrganisation(), h.Directory.AddOrganisation());
        var group = h.Directory.AddAudience(authorOrg, memberOrg);
        var author = IntelHarness.Member(authorOrg);

        var grouped = await h.Authoring.SaveAsync(author, Indicator(Tlp.Amber) with { Scope = Scope.SharingGroup, SharingGroupId = group }, Ct);
        var named = await h.Authoring.SaveAsync(author, Indicator(Tlp.Amber) with { Scope = Scope.Recipients, Recipients = [recipientOrg] }, Ct);
        var noGroup = await h.Authoring.SaveAsync(author, Indicator(Tlp.Amber) with { Scope = Scope.SharingGroup }, Ct);

        var recipients = (await h.Directory.ResolveRecipientsAsync(authorOrg, [recipientOrg], Ct)).Value;
        var member = IntelHarness.Member(memberOrg, Role.Analyst, group);
        var recipient = IntelHarness.Member(recipientOrg, Role.Analyst, recipients);
        var other = IntelHarness.Member(otherOrg);
        Assert.Equal((Scope.SharingGroup, (Guid?)group), (grouped.Saved!.Scope, grouped.Saved.AudienceId));
        Assert.Equal(Scope.Recipients, named.Saved!.Scope);
        Assert.True((await h.Store.GetAsync(member, grouped.Saved.Id, null, Ct)).IsSuccess);
        Assert.False((await h.Store.GetAsync(member, named.Saved.Id, null, Ct)).IsSuccess);
        Assert.True((await h.Store.GetAsync(recipient, named.Saved.Id, null, Ct)).IsSuccess);
        Assert.False((await h.Store.GetAsync(recipient, grouped.Saved.Id, null, Ct)).IsSuccess);
        Assert.False((await h.Store.GetAsync(other, grouped.Saved.Id, null, Ct)).IsSuccess);
        Assert.False((await h.Store.GetAsync(other, named.Saved.Id, null, Ct)).IsSuccess);
        Assert.Equal(("scope", "audience-required"), (noGroup.Issues[0].Field, noGroup.Issues[0].Rule));
    }
}
