using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concord.IntegrationTests.Intel.Feeds;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving a copy of feed files, as a feed publisher would: an ETag (the content's hash)
/// and Last-Modified on every answer, 304 to a matching If-None-Match when <see cref="Validators"/> is on. It records
/// every request's path, so a test can count what a run fetched.
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FeedServer(WebApplication app, string root, Uri address)
    {
        _app = app;
        Root = root;
        Address = address;
    }

    /// <summary>The folder served (a copy the test may change).</summary>
    public string Root { get; }

    public Uri Address { get; }

    public bool Validators { get; set; } = true;

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Serves a copy of <paramref name="source"/> (a folder's files, or one file).</summary>
    public static async Task<FeedServer> StartAsync(string source)
    {
        var root = Path.Combine(Path.GetTempPath(), "concord-feed-server", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        foreach (var file in File.Exists(source) ? [source] : Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(root, Path.GetFileName(file)));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FeedServer? server = null;
        app.Run(async context =>
        {
            var name = context.Request.Path.Value!.TrimStart('/');
            server!.Requests.Enqueue(name);
            var path = Path.Combine(root, name);
            if (name.Contains('/', StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = 404;
                return;
            }

            var bytes = await File.ReadAllBytesAsync(path);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            if (server.Validators)
            {
                context.Response.Headers.ETag = etag;
                context.Response.Headers.LastModified = File.GetLastWriteTimeUtc(path).ToString("R");
                if (context.Request.Headers.IfNoneMatch.ToString() == etag)
                {
                    context.Response.StatusCode = 304;
                    return;
                }
            }

            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(bytes);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FeedServer(app, root, new Uri(address + "/"));
        return server;
    }

    public string Url(string name = "") => new Uri(Address, name).ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
