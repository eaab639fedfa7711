using System.Net;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Host;
using Concord.IntegrationTests.Intel;

namespace Concord.IntegrationTests.Sightings;

/// <summary>Sightings, false positives and expirations: how they move the shared score, and what each reader learns of them.</summary>
public class SightingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sighting_VisibleToEveryReaderOfTheIndicator_RefreshesItsScoreForEveryone(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var charlie = await alliance.ClientAsync("Charlie", Role.ReadOnly);
        var indicator = SightingHttp.Indicator(confidence: 100);
        await alpha.ImportAsync(indicator);
        node.Time.Advance(TimeSpan.FromDays(60));
        var decayed = SightingHttp.Expected(80, TimeSpan.FromDays(60));
        SightingHttp.Near(decayed, await charlie.ScoreAsync(indicator.Id()));

        await bravo.SightOkAsync(new { sighting_of = indicator.Id(), count = 3, tlp = "green", scope = "alliance" });

        SightingHttp.Near(80, await charlie.ScoreAsync(indicator.Id()));
        SightingHttp.Near(80, await alpha.ScoreAsync(indicator.Id()));
        var list = await charlie.SightingsAsync(indicator.Id());
        Assert.Equal(3, list.GetProperty("totals").GetProperty("sightings").GetInt64());
        var sighting = Assert.Single(list.GetProperty("sightings").EnumerateArray());
        Assert.Equal(alliance.OrgId("Bravo").ToString(), sighting.GetProperty("reporter").GetString());
        Assert.True(sighting.GetProperty("counts_toward_score").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FalsePositive_HiddenAsTlpRed_DoesNotChangeWhatAnotherOrganisationSees(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var charlie = await alliance.ClientAsync("Charlie", Role.ReadOnly);
        var indicator = SightingHttp.Indicator(confidence: 100);
        await alpha.ImportAsync(indicator);
        using var before = await charlie.GetAsync($"/api/v1/objects/{indicator.Id()}/sightings", Ct);
        var beforeBody = await before.Content.ReadAsStringAsync(Ct);
        var listedBefore = await charlie.ListIdsAsync("min_score=70");

        await bravo.SightOkAsync(new { sighting_of = indicator.Id(), kind = "false-positive", tlp = "red", scope = "owner" });

        // The reporter sees its report, marked as not moving the shared score; nobody's score moves.
        var own = await bravo.SightingsAsync(indicator.Id());
        Assert.Equal(1, own.GetProperty("totals").GetProperty("false_positives").GetInt64());
        Assert.False(Assert.Single(own.GetProperty("sightings").EnumerateArray()).GetProperty("counts_toward_score").GetBoolean());
        foreach (var reader in new[] { alpha, bravo, charlie })
        {
            SightingHttp.Near(80, await reader.ScoreAsync(indicator.Id()));
        }

        // Another organisation's view is byte for byte what it was: no count, no hint.
        using var after = await charlie.GetAsync($"/api/v1/objects/{indicator.Id()}/sightings", Ct);
        Assert.Equal(beforeBody, await after.Content.ReadAsStringAsync(Ct));
        Assert.Equal(listedBefore, await charlie.ListIdsAsync("min_score=70"));
        Assert.Contains(indicator.Id(), listedBefore);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task FalsePositiveAndExpiration_ThatEveryReaderMayRead_LowerAndEndTheScore(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var indicator = SightingHttp.Indicator(confidence: 100);
        await alpha.ImportAsync(indicator);

        await bravo.SightOkAsync(new { sighting_of = indicator.Id(), kind = "false-positive", tlp = "green" });
        SightingHttp.Near(40, await alpha.ScoreAsync(indicator.Id()));
        Assert.DoesNotContain(indicator.Id(), await alpha.ListIdsAsync("min_score=50"));

        var expiresAt = node.Time.GetUtcNow().AddDays(1);
        await alpha.SightOkAsync(new { sighting_of = indicator.Id(), kind = "expiration", seen = expiresAt.ToString("O"), tlp = "green" });
        SightingHttp.Near(40, await bravo.ScoreAsync(indicator.Id()));
        node.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await bravo.ScoreAsync(indicator.Id()));
        Assert.DoesNotContain(indicator.Id(), await bravo.ListIdsAsync("min_score=1"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sighting_ImportedAsStix_CountsLikeTheQuickForm_AndStopsCountingWhenDeleted(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var indicator = SightingHttp.Indicator(confidence: 100);
        await alpha.ImportAsync(indicator);
        var sighting = new JsonObject
        {
            ["type"] = "sighting",
            ["spec_version"] = "2.1",
            ["id"] = Bundles.NewId("sighting"),
            ["created"] = "2026-11-01T10:00:00.000Z",
            ["modified"] = "2026-11-01T10:00:00.000Z",
            ["sighting_of_ref"] = indicator.Id(),
            ["count"] = 7,
            ["x_concord_sighting_kind"] = "false-positive",
        };
        await bravo.ImportAsync(sighting);
        SightingHttp.Near(40, await alpha.ScoreAsync(indicator.Id()));
        Assert.Equal(7, (await alpha.SightingsAsync(indicator.Id())).GetProperty("totals").GetProperty("false_positives").GetInt64());

        using var deleted = await bravo.DeleteAsync($"/api/v1/objects/{sighting.Id()}", Ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        SightingHttp.Near(80, await alpha.ScoreAsync(indicator.Id()));
        Assert.Empty((await alpha.SightingsAsync(indicator.Id())).GetProperty("sightings").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task SightingsOfAnIndicatorTheReporterMayNotRead_NeverMoveItsScore(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var indicator = SightingHttp.Indicator(confidence: 100);
        await alpha.ImportAsync(indicator, "tlp=red&scope=owner");
        var listed = await alpha.ListIdsAsync("min_score=50");
        Assert.Contains(indicator.Id(), listed);

        // Raw STIX sightings aimed at Alpha's hidden id, shared as widely as possible: stored as Bravo's, counted nowhere.
        foreach (var kind in new[] { "false-positive", "expiration" })
        {
            var sighting = new JsonObject
            {
                ["type"] = "sighting",
                ["spec_version"] = "2.1",
                ["id"] = Bundles.NewId("sighting"),
                ["created"] = "2026-11-01T10:00:00.000Z",
                ["modified"] = "2026-11-01T10:00:00.000Z",
                ["last_seen"] = "2026-11-01T09:00:00.000Z",
                ["sighting_of_ref"] = indicator.Id(),
                ["x_concord_sighting_kind"] = kind,
            };
            await bravo.ImportAsync(sighting, "tlp=clear&scope=public");
        }

        SightingHttp.Near(80, await alpha.ScoreAsync(indicator.Id()));
        Assert.Equal(listed, await alpha.ListIdsAsync("min_score=50"));

        // The quick form refuses the same id as unknown.
        using var quick = await bravo.SightAsync(new { sighting_of = indicator.Id(), kind = "false-positive", tlp = "green" });
        Assert.Equal(HttpStatusCode.NotFound, quick.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task AnonymousSighting_NamesItsReporterToTheReporterOnly(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var charlie = await alliance.ClientAsync("Charlie", Role.ReadOnly);
        var indicator = SightingHttp.Indicator(confidence: 100);
        await alpha.ImportAsync(indicator);
        var id = await bravo.SightOkAsync(new { sighting_of = indicator.Id(), tlp = "green", anonymous = true });
        var bravoId = alliance.OrgId("Bravo");

        foreach (var (reader, isReporter) in new[] { (alpha, false), (charlie, false), (bravo, true) })
        {
            var listed = Assert.Single((await reader.SightingsAsync(indicator.Id())).GetProperty("sightings").EnumerateArray());
            Assert.Equal(isReporter ? bravoId.ToString() : null, listed.GetProperty("reporter").GetString());
            using var read = await reader.GetAsync($"/api/v1/objects/{id}", Ct);
            var body = await IntelHttp.JsonAsync(read);
            Assert.Equal(isReporter ? bravoId.ToString() : null, body.GetProperty("owner").GetString());
            var stix = body.GetProperty("object");
            Assert.False(stix.TryGetProperty("created_by_ref", out _));
            Assert.False(stix.TryGetProperty("where_sighted_refs", out _));
            Assert.Equal(isReporter, (await reader.ListIdsAsync($"owner={bravoId}")).Contains(id));
            Assert.Contains(id, await reader.ListIdsAsync("type=sighting"));

            // Naming the reporter as the copy's owner finds nothing either, unless the reader is the reporter.
            var expected = isReporter ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.Equal(expected, (await reader.GetAsync($"/api/v1/objects/{id}?owner={bravoId}", Ct)).StatusCode);
            Assert.Equal(expected, (await reader.GetAsync($"/api/v1/objects/{id}/versions?owner={bravoId}", Ct)).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Sighting_OfAnIndicatorTheReporterMayNotRead_IsNotFound_ExactlyLikeAMissingOne(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var hidden = SightingHttp.Indicator(confidence: 100);
        await alpha.ImportAsync(hidden, "tlp=red&scope=owner");

        using var onHidden = await bravo.SightAsync(new { sighting_of = hidden.Id(), tlp = "green" });
        using var onMissing = await bravo.SightAsync(new { sighting_of = Bundles.NewId(), tlp = "green" });
        var hiddenBody = await ProblemAssert.IsProblemAsync(onHidden, HttpStatusCode.NotFound, "no-visible-indicator");
        var missingBody = await ProblemAssert.IsProblemAsync(onMissing, HttpStatusCode.NotFound, "no-visible-indicator");
        Assert.Equal("sighting_of", hiddenBody.GetProperty("field").GetString());
        Assert.Equal(missingBody.GetProperty("title").GetString(), hiddenBody.GetProperty("title").GetString());
        using var list = await bravo.GetAsync($"/api/v1/objects/{hidden.Id()}/sightings", Ct);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Empty(await alpha.ListIdsAsync("type=sighting"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task QuickForm_ByValue_SightsEveryIndicatorHoldingItThatTheReporterMayRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo", "Charlie");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        var charlie = await alliance.ClientAsync("Charlie", Role.Analyst);
        var visible = SightingHttp.Indicator(100, pattern: "[ipv4-addr:value = '192.0.2.55']");
        var hidden = SightingHttp.Indicator(100, pattern: "[ipv4-addr:value = '192.0.2.55']");
        var other = SightingHttp.Indicator(100, pattern: "[ipv4-addr:value = '192.0.2.56']");
        await alpha.ImportAsync(visible);
        await alpha.ImportAsync(other);
        await charlie.ImportAsync(hidden, "tlp=red&scope=owner");

        using var response = await bravo.SightAsync(new { value = "192.0.2[.]55", count = 2, tlp = "green" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = Assert.Single((await IntelHttp.JsonAsync(response)).GetProperty("sightings").EnumerateArray());
        Assert.Equal(visible.Id(), recorded.GetProperty("sighting_of").GetString());
        Assert.Empty((await charlie.SightingsAsync(hidden.Id())).GetProperty("sightings").EnumerateArray());
        Assert.Empty((await alpha.SightingsAsync(other.Id())).GetProperty("sightings").EnumerateArray());

        using var unknown = await bravo.SightAsync(new { value = "192.0.2.99", tlp = "green" });
        var problem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "no-visible-indicator");
        Assert.Equal("value", problem.GetProperty("field").GetString());
        using var onlyHidden = await alpha.SightAsync(new { value = "203.0.113.200", tlp = "green" });
        Assert.Equal(HttpStatusCode.NotFound, onlyHidden.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task QuickForm_InvalidInput_IsAProblemNamingTheFieldAndRule(Store store)
    {
        await using var node = await TestNode.StartAsync(store, SightingHttp.Settings());
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var indicator = SightingHttp.Indicator(confidence: 100);
        await alpha.ImportAsync(indicator);
        var cases = new (object Body, string Field, string Rule)[]
        {
            (new { tlp = "green" }, "value", "value-or-sighting-of"),
            (new { value = "198.51.100.7", sighting_of = indicator.Id() }, "value", "value-or-sighting-of"),
            (new { sighting_of = indicator.Id(), count = 0 }, "count", "range"),
            (new { sighting_of = indicator.Id(), kind = "rumour" }, "kind", "kind-unknown"),
            (new { sighting_of = indicator.Id(), seen = "yesterday" }, "seen", "timestamp-format"),
            (new { sighting_of = indicator.Id(), tlp = "red", scope = "alliance" }, "scope", "scope-wider-than-tlp"),
        };
        foreach (var (body, field, rule) in cases)
        {
            using var response = await alpha.SightAsync(body);
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, rule);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        Assert.Empty(await alpha.ListIdsAsync("type=sighting"));
        using var readOnly = await (await alliance.ClientAsync("Alpha", Role.ReadOnly)).SightAsync(new { sighting_of = indicator.Id() });
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
    }
}
