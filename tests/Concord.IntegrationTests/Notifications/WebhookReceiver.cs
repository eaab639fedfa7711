using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Notifications;

/// <summary>A real HTTP server on 127.0.0.1 standing for a member's SOAR: records every POST, and fails the first ones on request.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Posts { get; } = new();

    public Uri BaseAddress { get; private set; } = default!;

    public sealed record Received(string Path, string Body, string? Signature, string? Delivery, string? Kind);

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { _failuresLeft = failFirst };
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Posts.Enqueue(new Received(
                context.Request.Path, body, context.Request.Headers["X-Concord-Signature"], context.Request.Headers["X-Concord-Delivery"], context.Request.Headers["X-Concord-Kind"]));
            return Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<Received, bool> which, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var posts = Posts.Where(which).ToList();
            if (posts.Count >= count || attempt == 600)
            {
                return posts;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
