using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using Concord.Web.Intel;

namespace Concord.IntegrationTests.Web;

/// <summary>The intel pages' reading of query strings and forms, without a browser.</summary>
public class IntelFormTests
{
    [Fact]
    public void SearchFilters_FromTheQueryString_BecomeANewestFirstQueryAndRoundTripIntoTheUrl()
    {
        var org = Guid.NewGuid();

        var filters = SearchFilters.Parse(" emotet ", "indicator", "amber+strict", org.ToString(), "2026-11-01", "2026-11-23");
        var query = filters.ToQuery(after: 42, limit: 50);

        Assert.Empty(filters.Errors);
        Assert.Equal(("emotet", "indicator", Tlp.AmberStrict, org, 42L, true), (query.Text, query.Type, query.Tlp, query.Owner, query.After!.Value, query.NewestFirst));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), query.ModifiedFrom);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), query.ModifiedTo);
        Assert.Equal($"/intel?q=emotet&type=indicator&tlp=amber%2Bstrict&org={org}&from=2026-11-01&to=2026-11-23&page=3", filters.Url(3));
        var hiding = filters with { HideWarninglisted = true };
        Assert.True(hiding.ToQuery(null, 50).ExcludeWarninglisted);
        Assert.EndsWith("&to=2026-11-23&hide_warninglisted=true", hiding.Url(), StringComparison.Ordinal);
    }

    [Fact]
    public void SearchFilters_OrderAndPage_AreCheckedKeptInTheUrlAndBecomeANumberedPage()
    {
        var filters = SearchFilters.Parse(null, null, null, null, null, null).WithOrder("score", "asc", "3");
        var query = filters.ToPageQuery();

        Assert.Empty(filters.Errors);
        Assert.Equal((ObjectSort.Score, false, 100, 50), (query.Sort!.Value, query.Descending, query.Offset!.Value, query.Limit));
        Assert.Equal(["relationship"], query.ExcludeTypes);
        Assert.Equal("/intel?sort=score&dir=asc&page=3", filters.Url());
        Assert.Equal("/intel?sort=score&page=2", (filters with { Descending = null }).Url(2));
        Assert.Equal("/intel?sort=score&dir=desc", filters.SortUrl(ObjectSort.Score));
        Assert.Equal("/intel?sort=name", filters.SortUrl(ObjectSort.Name));
        Assert.Empty((filters with { ShowRelationships = true }).ToPageQuery().ExcludeTypes);
        Assert.Empty(SearchFilters.Parse(null, "relationship", null, null, null, null).ToPageQuery().ExcludeTypes);

        var text = SearchFilters.Parse("T1566", null, null, null, null, null).WithOrder(null, null, null);
        Assert.Equal((ObjectSort.Relevance, 0), (text.ToPageQuery().Sort!.Value, text.ToPageQuery().Offset!.Value));
        Assert.Equal(ObjectSort.Added, SearchFilters.Parse(null, null, null, null, null, null).WithOrder("relevance", null, null).EffectiveSort);

        var bad = SearchFilters.Parse(null, null, null, null, null, null).WithOrder("colour", "up", "0");
        Assert.Equal(3, bad.Errors.Count);
        var deep = SearchFilters.Parse(null, null, null, null, null, null).WithOrder(null, null, (SearchFilters.MaxPage + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("narrow the filters", Assert.Single(deep.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void SearchFilters_WithBadValues_ExplainEachOneInsteadOfSearching()
    {
        var filters = SearchFilters.Parse(null, null, "purple", "acme", "23/11/2026", null);

        Assert.Equal(3, filters.Errors.Count);
        Assert.Contains(filters.Errors, e => e.StartsWith("TLP:", StringComparison.Ordinal));
        Assert.Contains(filters.Errors, e => e.StartsWith("Organisation:", StringComparison.Ordinal));
        Assert.Contains(filters.Errors, e => e.StartsWith("Modified from:", StringComparison.Ordinal));
    }

    [Fact]
    public void DraftFields_OfAnIndicatorForm_BecomeADraftWithUtcTimesLabelsAndRecipients()
    {
        var recipient = Guid.NewGuid();
        var fields = new DraftFields { Name = "C2", Pattern = "[ipv4-addr:value = '198.51.100.7']", ValidFrom = "2026-11-23T08:30", Labels = "c2, , phishing", Tlp = "amber", Scope = "recipients" };

        var (draft, issues) = fields.ToDraft("indicator", [recipient]);

        Assert.Empty(issues);
        var indicator = Assert.IsType<IndicatorDraft>(draft);
        Assert.Equal(("2026-11-23T08:30:00Z", Tlp.Amber, Scope.Recipients), (indicator.ValidFrom, indicator.Tlp, indicator.Scope));
        Assert.Equal(["c2", "phishing"], indicator.Labels);
        Assert.Equal([recipient], indicator.Recipients);
    }

    [Fact]
    public void DraftFields_OfAReportBeingEdited_RoundTripThroughTheForm()
    {
        var report = new ReportDraft { Id = Bundle("report"), Name = "Weekly", Published = "2026-11-20T00:00:00.000Z", ObjectRefs = [Bundle("indicator"), Bundle("note")], Tlp = Tlp.Green };

        var (draft, issues) = DraftFields.From(report).ToDraft("report", []);

        Assert.Empty(issues);
        var again = Assert.IsType<ReportDraft>(draft);
        Assert.Equal((report.Id, report.Name, "2026-11-20T00:00:00Z", Tlp.Green), (again.Id, again.Name, again.Published, again.Tlp));
        Assert.Equal(report.ObjectRefs, again.ObjectRefs);
    }

    [Fact]
    public void DraftFields_WithAnUnknownScope_NamesTheScopeField() =>
        Assert.Equal("scope", Assert.Single(new DraftFields { Tlp = "green", Scope = "everyone-ever" }.ToDraft("note", []).Issues).Field);

    [Fact]
    public void LinkGraph_DrawsEachNeighbourOnceInsideTheBoxAndCountsThoseLeftOut()
    {
        var self = new LinkedObject("indicator--1", "indicator", "C2", false);
        var links = Enumerable.Range(0, 20).Select(i => new ObjectLink(LinkDirection.Outgoing, "indicates", new LinkedObject($"malware--{i}", "malware", $"m{i}", false), null))
            .Append(new ObjectLink(LinkDirection.Incoming, "object_refs", new LinkedObject("malware--0", "malware", "m0", false), null)).ToList();

        var graph = LinkGraph.Of(new ObjectLinks(self, links, false));

        Assert.Equal(LinkGraph.MaxNeighbours + 1, graph.Nodes.Count);
        Assert.Equal(4, graph.Omitted);
        Assert.Equal("indicates, object_refs", graph.Edges[0].Label);
        Assert.All(graph.Nodes, n => Assert.InRange(n.X, 60, LinkGraph.Width - 60));
        Assert.All(graph.Nodes, n => Assert.InRange(n.Y, 20, LinkGraph.Height - 30));
    }

    private static string Bundle(string type) => $"{type}--{Guid.NewGuid()}";
}
