using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Intel;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.Stix;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// <c>POST /lookup.csv</c>, the lookup page's download: the same service, visibility and cap as the REST lookup, as
/// CSV; a form post with its antiforgery token.
/// </summary>
public class LookupCsvTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task LookupCsv_AValueOnlyAHiddenObjectHolds_ShowsNothingOfIt_AndAVisibleOneAsRestDoes(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alphaWriter = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.Analyst);
        await alphaWriter.ImportOkAsync("tlp=green&scope=alliance", CorrelationHttp.IndicatorFor("ipv4-addr:value", "198.51.100.7", "=HYPERLINK(\"http://x.example\"), Alpha's C2"));
        await bravo.ImportOkAsync("tlp=amber&scope=owner", CorrelationHttp.IndicatorFor("ipv4-addr:value", "203.0.113.9", "Bravo's own secret"));
        await bravo.ImportOkAsync("tlp=amber&scope=owner", CorrelationHttp.IndicatorFor("ipv4-addr:value", "198.51.100.7", "Bravo's second secret"));
        using var session = await FormSession.SignInAsAsync(node, alliance, "Alpha", Role.ReadOnly);

        using var response = await PostAsync(session, "203.0.113.9\n 198[.]51[.]100[.]7 \n\n198.51.100.7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("Bravo", csv, StringComparison.Ordinal);
        var rows = Csv(csv);
        Assert.Equal("value", rows[0][0]);
        Assert.Equal(4, rows.Count);

        // The hidden object's value: one row, every object cell empty — as if nothing held it.
        Assert.Equal(["203.0.113.9", "ipv4-addr", "203.0.113.9", "", "false", "false", "", "", "", "", "", "", "", "", "", "", "", ""], rows[1]);

        // A value Alpha may read, defanged or not: the row names Alpha's object, as REST does, with its score.
        var rest = await (await alliance.ClientAsync("Alpha", Role.ReadOnly)).LookupJsonAsync("198.51.100.7");
        var restIds = CorrelationHttp.ObjectIds(rest.GetProperty("values")[0]);
        foreach (var row in rows.Skip(2))
        {
            Assert.Equal("198.51.100.7", row[2]);
            Assert.Equal(["Alpha"], [row[7]]);
            Assert.Contains(row[9], restIds);
            // Quoted for its comma and quotes; a leading apostrophe keeps a spreadsheet from running it as a formula.
            Assert.Equal("'=HYPERLINK(\"http://x.example\"), Alpha's C2", row[11]);
            Assert.Equal("TLP:GREEN", row[12]);
            Assert.True(double.TryParse(row[13], System.Globalization.CultureInfo.InvariantCulture, out _), $"score '{row[13]}'");
        }

        Assert.Single(restIds);
    }

    [Fact]
    public async Task LookupCsv_OverTheApisCap_IsRefusedWithItsRule()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        using var session = await FormSession.SignInAsAsync(node, alliance, "Alpha", Role.Analyst);

        using var response = await PostAsync(session, string.Join('\n', Enumerable.Range(0, Concord.Intel.ICorrelation.MaxLookupValues + 1).Select(i => $"10.{i / 65536}.{i / 256 % 256}.{i % 256}")));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "too-many");
    }

    [Fact]
    public async Task LookupCsv_WithoutTheFormsAntiforgeryToken_IsRefused_AndWithoutASession_Too()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        using var session = await FormSession.SignInAsAsync(node, alliance, "Alpha", Role.Analyst);

        using var forged = await session.PostFormAsync("/lookup.csv", [new("values", "198.51.100.7")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var anonymous = node.CreateClient();
        using var refused = await anonymous.PostAsync("/lookup.csv", new FormUrlEncodedContent([new("values", "198.51.100.7")]), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>RFC 4180 rows: quoted cells may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }

    private static async Task<HttpResponseMessage> PostAsync(FormSession session, string values) =>
        await session.PostFormAsync("/lookup.csv", [new("__RequestVerificationToken", await session.TokenAsync("/lookup")), new("values", values)]);
}
