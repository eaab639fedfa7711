using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Web;

/// <summary>
/// A browser's session without the browser: the session cookie from the REST login, and the antiforgery token (and its
/// cookie) a page's form carries, to post forms to the UI's own routes as a browser would.
/// </summary>
internal sealed partial class FormSession : IDisposable
{
    private FormSession(HttpClient client) => Client = client;

    public HttpClient Client { get; }

    public static async Task<FormSession> SignInAsync(TestNode node, string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return new FormSession(client);
    }

    public static Task<FormSession> SignInAsAsync(TestNode node, TestAlliance alliance, string organisation, Concord.Access.Role role) =>
        alliance.UserIdAsync(organisation, role).ContinueWith(_ => SignInAsync(node, TestAlliance.UserName(organisation, role), TestAlliance.Password)).Unwrap();

    /// <summary>The antiforgery token of the form on <paramref name="page"/>.</summary>
    public async Task<string> TokenAsync(string page)
    {
        var html = await Client.GetStringAsync(page, TestContext.Current.CancellationToken);
        return Token().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery token on {page}");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        await Client.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
