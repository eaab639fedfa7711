using System.Net;
using Concord.Access;
using Concord.IntegrationTests.Access;
using System.Net.Http.Json;

namespace Concord.IntegrationTests.LeakHarness.Paths;

/// <summary>
/// The browser UI as a signed-in member gets it (server-rendered HTML, no browser needed to read what it shows): the
/// object page and its analyst actions' pages, the list with a text search, a single object's STIX download and the
/// export. A hidden object's page answers 404 as a missing one's; a list or a download never names it.
/// </summary>
internal sealed class WebPages : IReadPath
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Name => "web pages and downloads";

    public IReadOnlyList<string> Routes { get; } =
    [
        "GET,POST /intel/objects/{Id} (page)", "GET,POST /intel/objects/{Id}/edit (page)", "GET,POST /intel/objects/{Id}/revoke (page)",
        "GET,POST /intel/objects/{Id}/delete (page)", "GET,POST /intel (page)", "GET /intel/objects/{id}/stix", "GET /intel/export",
    ];

    public async Task CheckAsync(LeakWorld world, Reader reader, Mismatches report)
    {
        if (reader.Kind != PrincipalKind.Member)
        {
            return; // The UI signs in members only; strangers are sent to the sign-in page (FailClosedPageTests).
        }

        var web = await world.BrowserAsync(reader);

        var export = await web.GetStringAsync("/intel/export?format=stix", Ct);
        var missing = Intel.Bundles.NewId();
        foreach (var record in world.Records)
        {
            var expected = world.MayRead(reader, record);
            using (var page = await web.GetAsync($"/intel/objects/{record.Id}", Ct))
            {
                await report.StatusAsync(reader, record, "object page", expected, page);
            }

            using (var stix = await web.GetAsync($"/intel/objects/{record.Id}/stix", Ct))
            {
                await report.StatusAsync(reader, record, "STIX download", expected, stix);
            }

            // The export is the list's query, which leaves relationships out: for them, only that a hidden one never shows.
            report.Sees(reader, record, "export", expected && record.Type != "relationship", export.Contains(record.Id, StringComparison.Ordinal) && (record.Type != "relationship" || !expected));
            if (record.Word is { } word && record.Word != LeakDecoys.Word)
            {
                report.Sees(reader, record, "list ?q", expected, (await web.GetStringAsync($"/intel?q={word}", Ct)).Contains(record.Id, StringComparison.Ordinal));
            }

            if (!expected)
            {
                await report.SameAsMissingAsync(reader, record, "object page", web, $"/intel/objects/{record.Id}", $"/intel/objects/{missing}", missing);
            }
        }

        // The analyst's action pages read the object first: hidden is not found, as on the object page.
        var analyst = reader.Role >= Role.Analyst ? web : null;
        foreach (var record in world.Records.Where(r => analyst is not null && !world.MayRead(reader, r) && r.Type == "indicator"))
        {
            foreach (var action in new[] { "edit", "revoke", "delete" })
            {
                using var page = await analyst!.GetAsync($"/intel/objects/{record.Id}/{action}", Ct);
                await report.StatusAsync(reader, record, $"{action} page", false, page);
            }
        }
    }
}
