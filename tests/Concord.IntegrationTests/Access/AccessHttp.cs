using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Concord.IntegrationTests.Access;

/// <summary>Small HTTP helpers for the Access tests.</summary>
internal static class AccessHttp
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient WithBearer(this TestNode node, string key)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static HttpClient WithBasic(this TestNode node, string userName, string password)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        return client;
    }

    /// <summary>
    /// A client whose connections come from another loopback address (127.0.0.2, …), so the node sees another client
    /// address; with <paramref name="cookies"/> it keeps a cookie session like a browser.
    /// </summary>
    public static HttpClient FromAddress(this TestNode node, string address, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = node.BaseAddress };
    }

    /// <summary>Like <see cref="FromAddress"/>, with Basic user name and password.</summary>
    public static HttpClient BasicFrom(this TestNode node, string address, string userName, string password)
    {
        var client = node.FromAddress(address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem-details answer with this status and rule.</summary>
    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal(rule, body.GetProperty("rule").GetString());
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Ct);
}
