using System.Net;
using System.Net.Http.Headers;
using Concord.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>
/// The failure rows of every endpoint table in T 4 and T 5 (401, 404, 406), T 3.2's Date header and T 1.6.9's challenge,
/// walked over every endpoint and method, so no endpoint answers with anything but the TAXII error resource.
/// </summary>
public class EndpointErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every TAXII endpoint (T 4.1-4.3, 5.1-5.8) as (method, path); {c} is a collection, {o} an object.</summary>
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("GET", "/taxii2/"),
        ("GET", Root),
        ("GET", Root + "status/{s}/"),
        ("GET", Root + "collections/"),
        ("GET", Root + "collections/{c}/"),
        ("GET", Root + "collections/{c}/manifest/"),
        ("GET", Root + "collections/{c}/objects/"),
        ("POST", Root + "collections/{c}/objects/"),
        ("GET", Root + "collections/{c}/objects/{o}/"),
        ("DELETE", Root + "collections/{c}/objects/{o}/"),
        ("GET", Root + "collections/{c}/objects/{o}/versions/"),
    ];

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryEndpoint_WithoutCredentials_Answers401WithAChallenge(Store store)
    {
        await using var h = await StartAsync(store);
        var anonymous = h.Anonymous();

        foreach (var (method, path) in Endpoints)
        {
            using var response = await anonymous.SendAsync(Request(method, Fill(path, "all")), Ct);
            await AssertErrorAsync(response, 401);
            Assert.True(response.Headers.WwwAuthenticate.Count > 0, $"{method} {path}: no WWW-Authenticate");
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryEndpoint_AskedForAnUndefinedMediaType_Answers406(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");

        foreach (var (method, path) in Endpoints)
        {
            using var request = Request(method, Fill(path, "all"));
            request.Headers.Accept.Clear();
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            await AssertErrorAsync(await client.SendAsync(request, Ct), 406);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task EveryCollectionEndpoint_ForAnUnknownCollectionOrApiRoot_Answers404(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");

        foreach (var (method, path) in Endpoints.Where(e => e.Path.Contains("{c}", StringComparison.Ordinal) || e.Path.Contains("{s}", StringComparison.Ordinal)))
        {
            await AssertErrorAsync(await client.SendAsync(Request(method, Fill(path, Guid.NewGuid().ToString())), Ct), 404);
            await AssertErrorAsync(await client.SendAsync(Request(method, Fill(path, "all").Replace(Root, "/taxii2/nowhere/", StringComparison.Ordinal)), Ct), 404);
        }
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Responses_CarryTheDateHeader_AndRequestsWithoutAcceptAreServed(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        client.DefaultRequestHeaders.Accept.Clear();

        using var response = await client.GetAsync(All + "objects/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertTaxii(response);
        Assert.NotNull(response.Headers.Date);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ServerFault_AnswersA500TaxiiError_ThatTellsNoInternals(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        await using (var scope = h.Node.Services.CreateAsyncScope())
        {
            // A real fault in the real database: the object table is gone.
            await scope.ServiceProvider.GetRequiredService<Concord.Intel.Data.IntelDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE stix_objects", Ct);
        }

        using var response = await client.GetAsync(All + "objects/", Ct);

        var error = await AssertErrorAsync(response, 500);
        var text = error.ToJsonString();
        Assert.DoesNotContain("stix_objects", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MalformedParameterOrUnreadableBody_AnswersATaxiiError_NotProblemDetails(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");

        // TAXII reads every query parameter itself (FilterParser): a malformed one is its own 400, naming the parameter.
        var limit = await AssertErrorAsync(await client.GetAsync(All + "objects/?limit=abc", Ct), 400);
        Assert.Equal("limit", limit["details"]?["field"]?.GetValue<string>());

        // A chunked body whose framing is broken is refused by the server before TAXII reads it (a bad-request exception,
        // which the TAXII filter used to turn into a 500): the node's exception handler answers 400 in TAXII's format.
        var (status, headers, body) = await RawAsync(h.Node.BaseAddress,
            $"POST {All}objects/ HTTP/1.1\r\nHost: {h.Node.BaseAddress.Authority}\r\nAuthorization: {client.DefaultRequestHeaders.Authorization}\r\n"
            + $"Accept: {Taxii21}\r\nContent-Type: {Taxii21}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n");
        Assert.Equal(400, status);
        Assert.Contains($"Content-Type: {Taxii21}", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"http_status\":\"400\"", body, StringComparison.Ordinal);
        Assert.Contains("\"error_code\":\"bad-request\"", body, StringComparison.Ordinal);
        Assert.Empty(Ids(await JsonAsync(await client.GetAsync(All + "objects/", Ct))));
    }

    /// <summary>Sends a request as written (HttpClient frames bodies itself) and reads the answer until the server closes.</summary>
    private static async Task<(int Status, string Headers, string Body)> RawAsync(Uri node, string request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(node.Host, node.Port, Ct);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), Ct);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(Ct);
        var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, answer);
        return (int.Parse(answer.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture), answer[..split], answer[(split + 4)..]);
    }

    private static string Fill(string path, string collection) => path
        .Replace("{c}", collection, StringComparison.Ordinal)
        .Replace("{o}", NewId(), StringComparison.Ordinal)
        .Replace("{s}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Envelope(Indicator(tlp: Tlp.Green));
        }

        return request;
    }
}
