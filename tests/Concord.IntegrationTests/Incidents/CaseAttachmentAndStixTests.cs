using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Host;
using Concord.IntegrationTests.Intel.Correlation;
using Concord.Stix;
using static Concord.IntegrationTests.Incidents.CaseWorld;

namespace Concord.IntegrationTests.Incidents;

/// <summary>Attachments (size limit, downloads only) and the case as STIX 2.1, on both stores.</summary>
public class CaseAttachmentAndStixTests(CaseWorlds worlds) : IClassFixture<CaseWorlds>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Attachment_IsServedAsADownloadNeverInline_AndOneOverTheLimitIsRefusedWhole(Store store)
    {
        var world = await worlds.ForAsync(store);
        var id = await world.OpenAsync("Attachments", "amber", Harbour);
        var harbour = await world.Analyst(Harbour);
        const string page = "<html><script>alert(document.cookie)</script></html>";

        using var body = new StringContent(page, Encoding.UTF8, "text/html");
        using var attached = await harbour.PostAsync($"/api/v1/cases/{id}/attachments?fileName=evil.html", body, Ct);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var attachment = await attached.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var attachmentId = attachment.GetProperty("meta").GetProperty("id").GetGuid();
        Assert.Equal("evil.html", attachment.GetProperty("fileName").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(page), attachment.GetProperty("size").GetInt64());

        using var download = await (await world.Analyst(Lagoon)).GetAsync($"/api/v1/cases/{id}/attachments/{attachmentId}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("evil.html", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(page, await download.Content.ReadAsStringAsync(Ct));

        // Not a participant: the attachment is missing, as the case is.
        using var stranger = await (await world.Analyst(Delta)).GetAsync($"/api/v1/cases/{id}/attachments/{attachmentId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);

        // One byte over the limit: 413 naming the field, nothing stored.
        using var big = new ByteArrayContent(new byte[AttachmentLimit + 1]);
        var problem = await ProblemAssert.IsProblemAsync(await harbour.PostAsync($"/api/v1/cases/{id}/attachments?fileName=big.bin", big, Ct), HttpStatusCode.RequestEntityTooLarge, "attachment-too-large");
        Assert.Equal("file", problem.GetProperty("field").GetString());
        using var unnamed = new ByteArrayContent([1, 2, 3]);
        Assert.Equal("fileName", (await ProblemAssert.IsProblemAsync(await harbour.PostAsync($"/api/v1/cases/{id}/attachments", unnamed, Ct), HttpStatusCode.BadRequest, "file-name")).GetProperty("field").GetString());
        Assert.Single((await world.CaseAsync(Lagoon, id))!.Value.GetProperty("attachments").EnumerateArray());
        Assert.Equal(1, (await world.ListedAsync(Lagoon, id))!.Value.GetProperty("attachments").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Case_AsStix_IsValidStix21_IncidentWithExtensions_NotesForContributions_RelationshipToIntel(Store store)
    {
        var world = await worlds.ForAsync(store);
        var value = $"c2-{Guid.NewGuid():N}.example";
        var indicator = CorrelationHttp.IndicatorFor("domain-name:value", value, "C2 of the wiper");
        await (await world.Alliance.ClientAsync(Harbour, Role.Analyst)).ImportOkAsync("tlp=green&scope=alliance", indicator);
        var indicatorId = indicator["id"]!.GetValue<string>();

        var id = await world.OpenAsync("Wiper as STIX", "amber", Harbour, Delta);
        var harbour = await world.Analyst(Harbour);
        await world.CommentAsync(Harbour, id, "Seen on two substations.");
        await world.CommentAsync(Harbour, id, "Only for Lagoon.", "red", Lagoon);
        using (var observable = await harbour.PostAsJsonAsync($"/api/v1/cases/{id}/observables", new { value = value.Replace(".", "[.]", StringComparison.Ordinal), intelObjectId = indicatorId, comment = "C2" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, observable.StatusCode);
            var added = await observable.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(value, added.GetProperty("value").GetString());
            Assert.Equal("domain-name", added.GetProperty("kind").GetString());
            Assert.Equal(1, added.GetProperty("correlated").GetInt32());
            Assert.Equal(indicatorId, added.GetProperty("intelObjectId").GetString());
        }

        using (var task = await harbour.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Sinkhole the C2", assignee = world.Id(Lagoon), due = "2027-01-15" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        }

        var asked = await Requests.AskOneAsync(world, Lagoon, id, new { kind = "block", urgency = "high", to = new[] { world.Id(Harbour) }, text = "Block the C2 at your border.", norm = "h" });
        Assert.Equal(HttpStatusCode.OK, (await Requests.ActAsync(world, Harbour, asked.GetProperty("id").GetGuid(), "acknowledge")).StatusCode);

        using var response = await (await world.Analyst(Delta)).GetAsync($"/api/v1/cases/{id}/stix", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bundle = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("bundle", bundle.GetProperty("type").GetString());
        var objects = bundle.GetProperty("objects").EnumerateArray().ToList();
        foreach (var o in objects)
        {
            var result = Concord.Stix.Validation.StixValidator.Validate(o);
            Assert.True(result.IsValid, $"{o.GetProperty("id")}: {string.Join("; ", result.Errors.Select(e => e.ToString()))}");
        }

        var incident = Assert.Single(objects, o => o.GetProperty("type").GetString() == "incident");
        Assert.Equal($"incident--{id}", incident.GetProperty("id").GetString());
        Assert.Equal("Wiper as STIX", incident.GetProperty("name").GetString());
        Assert.Equal("rsit:fraud=\"phishing\"", incident.GetProperty("labels")[0].GetString());
        var extensions = incident.GetProperty("extensions");
        var core = extensions.GetProperty("extension-definition--ef765651-680c-498d-9894-99799f2fa126");
        Assert.Equal("suspected", core.GetProperty("determination").GetString());
        Assert.Equal("new", core.GetProperty("investigation_status").GetString());
        Assert.Equal(75, core.GetProperty("criticality").GetInt32());
        var ours = extensions.GetProperty("extension-definition--f2cd9c0d-64cd-4159-842c-015b050f774a");
        Assert.Equal("high", ours.GetProperty("severity").GetString());
        Assert.Equal(2, ours.GetProperty("participant_refs").GetArrayLength());
        Assert.Single(objects, o => o.GetProperty("id").GetString() == "extension-definition--f2cd9c0d-64cd-4159-842c-015b050f774a");
        Assert.Contains(objects, o => o.GetProperty("id").GetString() == Concord.Incidents.Features.Stix.CaseStix.IdentityOf(world.Id(Harbour)));

        // Delta reads: the comment, the observable, the task, the timeline — not the RED comment naming Lagoon.
        var notes = objects.Where(o => o.GetProperty("type").GetString() == "note").ToList();
        var kinds = notes.Select(n => n.GetProperty("extensions").GetProperty("extension-definition--f2cd9c0d-64cd-4159-842c-015b050f774a").GetProperty("kind").GetString()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "comment"));
        Assert.Equal(1, kinds.Count(k => k == "observable"));
        Assert.Equal(1, kinds.Count(k => k == "task"));

        // The case's request, as its readers read it: by the requester, about the incident, marked with the case's TLP.
        var request = Assert.Single(notes, n => n.GetProperty("id").GetString() == $"note--{asked.GetProperty("id").GetGuid()}");
        var requestExtension = request.GetProperty("extensions").GetProperty("extension-definition--f2cd9c0d-64cd-4159-842c-015b050f774a");
        Assert.Equal(("assistance-request", "block", "high", "acknowledged", "h"), (requestExtension.GetProperty("kind").GetString(), requestExtension.GetProperty("request_kind").GetString(),
            requestExtension.GetProperty("urgency").GetString(), requestExtension.GetProperty("request_status").GetString(), requestExtension.GetProperty("norm").GetString()));
        Assert.Equal(Concord.Incidents.Features.Stix.CaseStix.IdentityOf(world.Id(Harbour)), requestExtension.GetProperty("receiver_ref").GetString());
        Assert.Equal(Concord.Incidents.Features.Stix.CaseStix.IdentityOf(world.Id(Lagoon)), request.GetProperty("created_by_ref").GetString());
        Assert.Equal("Block the C2 at your border.", request.GetProperty("content").GetString());
        Assert.Equal(Concord.Stix.Markings.TlpMarkings.IdOf(Tlp.Amber), request.GetProperty("object_marking_refs")[0].GetString());
        Assert.True(requestExtension.TryGetProperty("acknowledged", out _));
        Assert.True(string.CompareOrdinal(request.GetProperty("modified").GetString(), request.GetProperty("created").GetString()) > 0, "acknowledging modified the request");
        Assert.DoesNotContain(notes, n => n.GetProperty("content").GetString() == "Only for Lagoon.");
        Assert.All(notes, n => Assert.Equal($"incident--{id}", n.GetProperty("object_refs")[0].GetString()));
        var relationship = Assert.Single(objects, o => o.GetProperty("type").GetString() == "relationship");
        Assert.Equal(indicatorId, relationship.GetProperty("target_ref").GetString());
        Assert.Contains(objects, o => o.GetProperty("id").GetString() == Concord.Stix.Markings.TlpMarkings.IdOf(Tlp.Amber));

        // Lagoon, which the RED comment names, gets it in its bundle.
        Assert.Contains("Only for Lagoon.", await (await world.Analyst(Lagoon)).GetStringAsync($"/api/v1/cases/{id}/stix", Ct), StringComparison.Ordinal);
    }
}
